using System.Security.Cryptography;
using System.Text;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Rendering;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// The pictures' colours as CSS, generated from the one definition the renderers draw with: custom properties for the
/// series (<c>--series-0</c>…), the benchmark and annotations, and a class per event category that sets <c>--chip</c>.
/// Its address carries a hash of its content like every static asset, so a page never pairs with a stale palette.
/// </summary>
public static class PaletteStylesheet
{
    public static readonly string Css = Build();

    private static readonly string Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))[..10];

    public static readonly string Path = $"/palette.{Hash}.css";

    public static IEndpointRouteBuilder MapPalette(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.ETag = $"\"{Hash}\"";
            context.Response.Headers.CacheControl = "max-age=31536000, immutable";
            return Results.Text(Css, "text/css", Encoding.UTF8);
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static string Build()
    {
        var css = new StringBuilder();
        Palette(css, ":root", c => c);
        // The dark pictures' colours, where the page is dark: chosen (data-theme) or followed from the system.
        css.Append("@media (prefers-color-scheme: dark) {\n");
        Palette(css, ":root:not([data-theme=\"light\"])", Dark);
        css.Append("}\n");
        Palette(css, ":root[data-theme=\"dark\"]", Dark);
        return css.ToString();
    }

    private static string Dark(string color) => ChartColors.Dark.GetValueOrDefault(color, color);

    private static void Palette(StringBuilder css, string scope, Func<string, string> color)
    {
        css.Append(scope).Append(" {\n");
        for (var i = 0; i < ChartColors.Series.Count; i++)
        {
            css.Append($"  --series-{i}: {color(ChartColors.Series[i])};\n");
        }
        css.Append($"  --benchmark: {color(ChartColors.Benchmark)};\n  --annotation: {color(ChartColors.Annotation)};\n}}\n");
        foreach (var category in EventCategories.All)
        {
            css.Append($"{scope} .category-{category.Id} {{ --chip: {color(category.Color)}; }}\n");
        }
    }
}
