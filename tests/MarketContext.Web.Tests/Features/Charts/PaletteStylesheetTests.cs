using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Charts;

/// <summary>The pages take their chart colours from the stylesheet generated from the renderer's own colours.</summary>
public sealed class PaletteStylesheetTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_palette_names_the_renderers_colours_and_the_pages_use_it()
    {
        var page = await app.Client.GetStringAsync("/");
        var link = System.Text.RegularExpressions.Regex.Match(page, "<link rel=\"stylesheet\" href=\"(/palette\\.[a-f0-9]{10}\\.css)\"");
        Assert.True(link.Success, "The layout links the palette by its fingerprinted address.");
        var response = await app.Client.GetAsync(link.Groups[1].Value);
        var css = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--annotation: #8B2F00;", css, StringComparison.Ordinal);
        Assert.Contains("--series-0: #1F2937;", css, StringComparison.Ordinal);
        Assert.Contains("--benchmark: #767E8C;", css, StringComparison.Ordinal);
        Assert.Contains(":root .category-legal { --chip: #D55E00; }", css, StringComparison.Ordinal);
        // Dark pages, chosen or followed from the system, get the dark pictures' colours.
        Assert.Contains(":root[data-theme=\"dark\"] {\n  --series-0: #E5E7EB;", css, StringComparison.Ordinal);
        Assert.Contains("@media (prefers-color-scheme: dark) {\n:root:not([data-theme=\"light\"]) {\n  --series-0: #E5E7EB;", css, StringComparison.Ordinal);
        Assert.Contains(":root[data-theme=\"dark\"] .category-legal { --chip: #FB923C; }", css, StringComparison.Ordinal);
        Assert.Equal("max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Contains("category-legal", page, StringComparison.Ordinal);
        Assert.DoesNotContain("style=\"--chip", page, StringComparison.Ordinal);
    }
}
