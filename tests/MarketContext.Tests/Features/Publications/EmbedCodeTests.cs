using System.Text.RegularExpressions;
using MarketContext.Web.Features.Publications;

namespace MarketContext.Tests.Features.Publications;

public sealed class EmbedCodeTests
{
    private const string Embed = "https://charts.example.org/embed/live?symbols=ERIC,NOK&from=2019-01-01";
    private const string Png = "https://charts.example.org/api/chart.png?symbols=ERIC,NOK&from=2019-01-01";

    [Fact]
    public void The_snippet_is_a_self_sizing_frame_a_noscript_picture_and_the_host_script()
    {
        var code = EmbedCode.Snippet(Embed, "Ericsson vs Nokia", "Line chart of two stocks", Png);

        Assert.Equal(
            "<iframe data-marketcontext src=\"https://charts.example.org/embed/live?symbols=ERIC,NOK&amp;from=2019-01-01\" title=\"Ericsson vs Nokia\" loading=\"lazy\" style=\"width:100%;border:0\"></iframe>\n"
            + "<noscript><img src=\"https://charts.example.org/api/chart.png?symbols=ERIC,NOK&amp;from=2019-01-01\" alt=\"Line chart of two stocks\"></noscript>\n"
            + "<script src=\"https://charts.example.org/embed.js\" async></script>",
            code);
    }

    [Theory]
    [InlineData("\"><script>alert(1)</script>")]
    [InlineData("' onload='alert(1)")]
    [InlineData("</iframe><img src=x onerror=alert(1)>")]
    [InlineData("Ericsson & Nokia <b>\"quoted\"</b>")]
    public void Hostile_titles_and_alternative_texts_stay_inside_their_attributes(string hostile)
    {
        var code = EmbedCode.Snippet(Embed, hostile, hostile, Png);

        // Exactly the three elements the snippet is made of, whatever the text: nothing it carried opened another.
        Assert.Equal(["iframe", "/iframe", "noscript", "img", "/noscript", "script", "/script"],
            Regex.Matches(code, "<(/?[a-z]+)").Select(m => m.Groups[1].Value));
        Assert.DoesNotContain(hostile, code, StringComparison.Ordinal);
        var escaped = hostile.Replace("&", "&amp;").Replace("\"", "&quot;").Replace("'", "&#39;").Replace("<", "&lt;").Replace(">", "&gt;");
        Assert.Contains($" title=\"{escaped}\" ", code, StringComparison.Ordinal);
        Assert.Contains($" alt=\"{escaped}\">", code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/embed/live?symbols=ERIC")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    public void Only_absolute_web_addresses_are_written(string url)
    {
        Assert.Throws<ArgumentException>(() => EmbedCode.Snippet(url, "t", "a", Png));
        Assert.Throws<ArgumentException>(() => EmbedCode.Snippet(Embed, "t", "a", url));
    }
}
