using System.Security.Cryptography;
using System.Text;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Rendering;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// The pictures' colours as CSS, generated from the one definition the renderers draw with: custom properties for the
/// series (<c>--series-0</c>…), the benchmark and annotations, and a class per event category that sets <c>--chip</c>.
/// </summary>
public static class PaletteStylesheet
{
    public const string Path = "/palette.css";

    public static readonly string Css = Build();

    private static readonly string ETag = $"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))[..16]}\"";

    public static IEndpointRouteBuilder MapPalette(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.ETag = ETag;
            context.Response.Headers.CacheControl = "no-cache";
            return context.Request.Headers.IfNoneMatch.ToString() == ETag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Text(Css, "text/css", Encoding.UTF8);
        }).ExcludeFromDescription();
        return app;
    }

    private static string Build()
    {
        var css = new StringBuilder(":root {\n");
        for (var i = 0; i < ChartColors.Series.Count; i++)
        {
            css.Append($"  --series-{i}: {ChartColors.Series[i]};\n");
        }
        css.Append($"  --benchmark: {ChartColors.Benchmark};\n  --annotation: {ChartColors.Annotation};\n}}\n");
        foreach (var category in EventCategories.All)
        {
            css.Append($".category-{category.Id} {{ --chip: {category.Color}; }}\n");
        }
        return css.ToString();
    }
}
