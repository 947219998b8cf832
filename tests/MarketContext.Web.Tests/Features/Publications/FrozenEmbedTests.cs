using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MarketContext.Web.Tests.Features.Publications;

/// <summary>A publication as an embed: its own words and stored pictures, frozen, with a way to the view today.</summary>
public sealed class FrozenEmbedTests(PublicationsApp app) : IClassFixture<PublicationsApp>
{
    private const string Hostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";

    [Fact]
    public async Task The_embed_shows_the_publications_furniture_and_stored_pictures_and_never_goes_live()
    {
        var published = await (await app.PublishAsync(new
        {
            kind = "chart",
            query = "symbols=ERIC,NOK&width=600&height=300",
            title = $"Ericsson and Nokia {Hostile}",
            subtitle = $"Rebased {Hostile}",
            source = $"Exchange files {Hostile}",
            byline = "By the desk",
            altText = $"Both fell {Hostile}",
        })).JsonAsync(HttpStatusCode.Created);
        var (slug, number) = (published.GetProperty("slug").GetString()!, published.GetProperty("number").GetInt32());

        using var response = await app.Client.GetAsync($"/embed/{slug}/{number}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("frame-ancestors 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal($"Ericsson and Nokia {Hostile}", Text(html, "embed-title"));
        Assert.Equal($"Rebased {Hostile}", Text(html, "embed-subtitle"));
        Assert.Equal($"Source: Exchange files {Hostile} · By the desk", Text(html, "embed-caption"));
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        var img = Regex.Match(html, "<img class=\"embed-picture\"[^>]*>").Value;
        Assert.Equal($"Both fell {Hostile}", WebUtility.HtmlDecode(Regex.Match(img, "alt=\"([^\"]*)\"").Groups[1].Value));
        Assert.Contains($"src=\"/p/{slug}/{number}.png\"", img, StringComparison.Ordinal);
        Assert.Contains("width=\"600\" height=\"300\"", img, StringComparison.Ordinal);
        Assert.Contains($"srcset=\"/p/{slug}/{number}.png?theme=dark\"", html, StringComparison.Ordinal);
        var frozen = Regex.Match(html, "<a class=\"embed-frozen\"[^>]*href=\"([^\"]*)\"[^>]*>([^<]*)</a>");
        Assert.Equal("/?symbols=ERIC%2CNOK&width=600&height=300", WebUtility.HtmlDecode(frozen.Groups[1].Value));
        Assert.StartsWith($"Frozen at {number} (published ", frozen.Groups[2].Value, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script[^>]*(embed-live|signalr)", html);

        // The pictures it shows are the publication's stored bytes.
        Assert.Equal(await app.BytesAsync($"/p/{slug}/{number}.png"), await app.BytesAsync(Regex.Match(img, "src=\"([^\"]*)\"").Groups[1].Value));
    }

    [Fact]
    public async Task The_embed_code_of_a_publication_frames_its_frozen_embed_with_its_alternative_text()
    {
        var published = await (await app.PublishAsync(new { kind = "chart", query = "symbols=NOK&width=500&height=300", title = "Nokia's year", altText = $"Nokia {Hostile}" }))
            .JsonAsync(HttpStatusCode.Created);
        var (slug, number) = (published.GetProperty("slug").GetString()!, published.GetProperty("number").GetInt32());

        var answer = await app.Client.GetFromJsonAsync<JsonElement>($"/api/publications/{slug}/{number}/embed-code?theme=dark");
        var code = answer.GetProperty("code").GetString()!;

        Assert.Equal($"http://localhost/embed/{slug}/{number}?theme=dark", answer.GetProperty("url").GetString());
        Assert.StartsWith($"<iframe data-marketcontext src=\"http://localhost/embed/{slug}/{number}?theme=dark\" title=\"Nokia&#39;s year\"", code, StringComparison.Ordinal);
        Assert.Contains($"<noscript><img src=\"http://localhost/p/{slug}/{number}.png?theme=dark\" alt=\"Nokia &quot;&gt;&lt;script&gt;", code, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/embed/no-such-publication/1", 404, "no-such-publication/1")]
    [InlineData("/embed/no-such-publication/1?theme=sepia", 400, "sepia")]
    public async Task A_publication_that_is_not_there_is_said_in_words(string url, int status, string named)
    {
        using var response = await app.Client.GetAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(named, Text(await response.Content.ReadAsStringAsync(), "embed-refusal"), StringComparison.Ordinal);
    }

    private static string Text(string html, string testId) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<[a-z0-9]+[^>]*data-testid=\"{testId}\"[^>]*>(.*?)</", RegexOptions.Singleline).Groups[1].Value);
}
