using System.Text;

namespace MarketContext.Web.Features.Publications;

/// <summary>
/// The code a site pastes to show a chart: a frame that sizes itself to the chart (the host script <c>/embed.js</c>
/// sets its height from the embed's messages), the PNG with its alternative text for readers without frames or
/// scripts, and the host script. Every value is written as an attribute, escaped, so no title or alternative text can
/// end the attribute or open an element.
/// </summary>
public static class EmbedCode
{
    /// <summary>The snippet; the addresses must be absolute http(s) ones (they are pasted into another site).</summary>
    public static string Snippet(string embedUrl, string title, string altText, string pngUrl)
    {
        var embed = Absolute(embedUrl, nameof(embedUrl));
        var png = Absolute(pngUrl, nameof(pngUrl));
        var script = new Uri(embed, "/embed.js");
        var html = new StringBuilder();
        html.Append("<iframe data-marketcontext src=\"").Append(Attribute(embed.AbsoluteUri))
            .Append("\" title=\"").Append(Attribute(title))
            .Append("\" loading=\"lazy\" style=\"width:100%;border:0\"></iframe>\n");
        html.Append("<noscript><img src=\"").Append(Attribute(png.AbsoluteUri))
            .Append("\" alt=\"").Append(Attribute(altText)).Append("\"></noscript>\n");
        html.Append("<script src=\"").Append(Attribute(script.AbsoluteUri)).Append("\" async></script>");
        return html.ToString();
    }

    /// <summary>Text as a double-quoted attribute value: the five characters that could end it or start markup, as entities.</summary>
    public static string Attribute(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    private static Uri Absolute(string url, string name) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new ArgumentException($"{name} must be an absolute http or https address, not \"{url}\".", name);
}
