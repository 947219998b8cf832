using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Publications;

/// <summary>The live embed page and its framing policy, over the real app (default setting: only the site itself frames it).</summary>
public sealed class EmbedPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string View = "symbols=ERIC,NOK&from=2020-03-09&to=2020-04-03&width=640&height=360";

    [Fact]
    public async Task An_embed_may_be_framed_by_the_sites_named_and_every_other_page_by_none()
    {
        using var embed = await app.Client.GetAsync($"/embed/live?{View}");
        using var dashboard = await app.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
        Assert.EndsWith("frame-ancestors 'self'", embed.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
        Assert.EndsWith("frame-ancestors 'none'", dashboard.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_setting_names_the_sites_and_a_refused_embed_keeps_them()
    {
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder, new Dictionary<string, string?>
        {
            ["MarketContext:Embed:FrameAncestors"] = "https://news.example.org  https://*.example.com:8443",
        });
        PriceFixtures.WriteStandardSeries(factory.PricesDirectory);
        using var client = factory.CreateClient();

        using var embed = await client.GetAsync($"/embed/live?{View}");
        using var refused = await client.GetAsync("/embed/live?width=wide");
        using var login = await client.GetAsync("/Login");

        Assert.EndsWith("frame-ancestors https://news.example.org https://*.example.com:8443", embed.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.EndsWith("frame-ancestors https://news.example.org https://*.example.com:8443", refused.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.EndsWith("frame-ancestors 'none'", login.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", login.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public void A_setting_that_is_not_a_list_of_origins_stops_the_start_naming_the_entry()
    {
        using var folder = new TempFolder();
        using var factory = MarketContextFactory.In(folder, new Dictionary<string, string?>
        {
            ["MarketContext:Embed:FrameAncestors"] = "'self' https://news.example.org/articles",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("MarketContext:Embed:FrameAncestors: \"https://news.example.org/articles\" is not an origin", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_shows_the_views_picture_title_and_source_with_a_link_to_the_live_view()
    {
        var html = await app.Client.GetStringAsync($"/embed/live?{View}&theme=auto");

        var picture = Regex.Match(html, "<picture>.*?</picture>", RegexOptions.Singleline).Value;
        Assert.Matches("<source media=\"\\(prefers-color-scheme: dark\\)\" srcset=\"/api/chart.png\\?[^\"]*&amp;theme=dark\"", picture);
        var src = WebUtility.HtmlDecode(Regex.Match(picture, "<img[^>]* src=\"([^\"]+)\"").Groups[1].Value);
        Assert.Equal($"/api/chart.png?{View}", src);
        Assert.Contains("width=\"640\" height=\"360\"", picture, StringComparison.Ordinal);
        Assert.Matches("alt=\"Line chart: [^\"]*ERIC[^\"]*\"", picture);
        Assert.Contains("2020-03-09 to 2020-04-03", Regex.Match(html, "<h1[^>]*>(.*?)</h1>").Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("Daily adjusted close", html, StringComparison.Ordinal);
        var open = WebUtility.HtmlDecode(Regex.Match(html, "<a href=\"([^\"]+)\"[^>]*>open in MarketContext</a>").Groups[1].Value);
        Assert.Equal("/?symbols=ERIC,NOK&from=2020-03-09&to=2020-04-03", open);
        // No site chrome: no navigation, no sign-in, no footer.
        Assert.DoesNotContain("<nav", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<footer", html, StringComparison.Ordinal);
        using var png = await app.Client.GetAsync(src);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_chosen_theme_shows_that_picture_alone()
    {
        var html = await app.Client.GetStringAsync($"/embed/live?{View}&theme=dark");

        Assert.DoesNotContain("<source", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"/api/chart.png?{View.Replace("&", "&amp;")}&amp;theme=dark\"", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\" data-theme=\"dark\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("width=wide", 400, "width")]
    [InlineData("theme=purple", 400, "theme")]
    [InlineData("symbols=ERIC&colour=red", 400, "colour")]
    [InlineData("from=2020-05-01&to=2020-01-01", 400, "from 2020-05-01 is after to 2020-01-01")]
    [InlineData("eventSet=no-such-set", 404, "no-such-set")]
    [InlineData("symbols=NOSUCH", 404, "NOSUCH")]
    public async Task A_query_the_chart_routes_refuse_is_refused_in_words(string query, int status, string named)
    {
        using var response = await app.Client.GetAsync($"/embed/live?{query}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        var message = WebUtility.HtmlDecode(Regex.Match(html, "<p class=\"embed-refusal\"[^>]*>(.*?)</p>", RegexOptions.Singleline).Groups[1].Value);
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.DoesNotContain("<picture", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embed_code_of_a_view_frames_its_live_embed_and_falls_back_to_its_picture()
    {
        var answer = await app.Client.GetFromJsonAsync<EmbedCodeAnswer>($"/api/chart/embed-code?{View}&theme=light");

        Assert.Equal($"http://localhost/embed/live?{View}&theme=light", answer!.Url);
        Assert.Equal($"http://localhost/api/chart.png?{View}&theme=light", answer.Png);
        Assert.StartsWith($"<iframe data-marketcontext src=\"{answer.Url.Replace("&", "&amp;")}\" title=\"", answer.Code, StringComparison.Ordinal);
        Assert.Contains("2020-03-09 to 2020-04-03", answer.Title, StringComparison.Ordinal);
        Assert.Contains($"<noscript><img src=\"{answer.Png.Replace("&", "&amp;")}\" alt=\"Line chart: ", answer.Code, StringComparison.Ordinal);
        Assert.Contains("<script src=\"http://localhost/embed.js\" async></script>", answer.Code, StringComparison.Ordinal);
        using var refused = await app.Client.GetAsync("/api/chart/embed-code?symbols=NOSUCH");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task The_host_script_is_served_by_the_site_itself()
    {
        using var response = await app.Client.GetAsync("/embed.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("marketcontext:height", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private sealed record EmbedCodeAnswer(string Url, string Png, string Title, string AltText, string Code);
}
