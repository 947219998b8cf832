namespace MarketContext.Web.Pages;

/// <summary>
/// The theme a page shows: light or dark as the link says, else as last chosen (the cookie); null (auto) follows the
/// system, which only the browser knows, so a picture then offers its dark version to a dark system itself.
/// </summary>
public static class PageTheme
{
    public static string? Chosen(HttpContext context)
    {
        var asked = context.Request.Query["theme"].ToString();
        var theme = asked is "light" or "dark" or "auto" ? asked : context.Request.Cookies["theme"];
        return theme is "light" or "dark" ? theme : null;
    }
}

/// <summary>A chart picture on a page, drawn in the page's theme: <c>Src</c> is its address without <c>theme=</c>.</summary>
public sealed record ThemedPicture(string Src, int Width, int Height, string Alt, string TestId);
