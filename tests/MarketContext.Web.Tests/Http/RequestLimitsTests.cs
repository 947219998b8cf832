using System.Net;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Http;

public sealed class RequestLimitsTests
{
    private static MarketContextFactory App(TempFolder folder, Dictionary<string, string?> settings)
    {
        var factory = MarketContextFactory.In(folder, settings);
        PriceFixtures.WriteStandardSeries(factory.PricesDirectory);
        return factory;
    }

    [Theory]
    [InlineData("/api/chart.png?width=4000&height=3000&scale=3", "108,000,000")]
    [InlineData("/api/chart.svg?width=4000&height=3000&scale=2", "48,000,000")]
    [InlineData("/api/event-study/chart.png?symbol=ERIC&date=2019-05-15&width=4000&height=3000&scale=2", "48,000,000")]
    public async Task A_picture_over_sixteen_megapixels_is_refused_with_the_limit_named(string url, string pixels)
    {
        using var folder = new TempFolder();
        await using var factory = App(folder, []);
        using var client = factory.CreateClient();

        var problem = await (await client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);

        var error = Assert.Single(problem.Errors());
        Assert.Equal("width", error.Str("field"));
        Assert.Contains(pixels, error.Str("message"), StringComparison.Ordinal);
        Assert.Contains("16,000,000", error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_address_gets_429_with_Retry_After_past_its_budget_while_signed_in_callers_and_healthz_go_on()
    {
        using var folder = new TempFolder();
        await using var factory = App(folder, new() { ["MarketContext:AnonymousRendersPerMinute"] = "3" });
        using var anonymous = factory.CreateClient();
        using var editor = factory.Authorize(factory.CreateClient());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await anonymous.GetAsync($"/api/chart/layout?width={400 + i}")).StatusCode);
        }
        var refused = await anonymous.GetAsync("/api/chart.png?width=400&height=300");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/api/chart.png?width=400&height=300")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/series")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("1", "30")]
    [InlineData("64", "0.05")]
    public async Task Renders_beyond_the_line_or_kept_waiting_too_long_get_503_with_Retry_After(string queueLimit, string queueSeconds)
    {
        using var folder = new TempFolder();
        await using var factory = App(folder, new()
        {
            ["MarketContext:RenderConcurrency"] = "1",
            ["MarketContext:RenderQueueLimit"] = queueLimit,
            ["MarketContext:RenderQueueSeconds"] = queueSeconds,
        });
        using var editor = factory.Authorize(factory.CreateClient());
        await editor.GetAsync("/api/chart.png?width=400&height=300");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            editor.GetAsync($"/api/chart.png?width=2000&height=2000&scale=2&log={(i % 2 == 0 ? "true" : "false")}&mode={(i < 3 ? "price" : "percent")}")));

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        var busy = answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(busy);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, a.StatusCode.ToString()));
        Assert.Equal("2", busy[0].Headers.GetValues("Retry-After").Single());
        await busy[0].ProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task A_burst_of_ordinary_charts_like_every_viewer_redrawing_at_once_waits_in_line_instead_of_failing()
    {
        using var folder = new TempFolder();
        await using var factory = App(folder, new() { ["MarketContext:RenderConcurrency"] = "1" });
        using var client = factory.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            client.GetAsync(i % 2 == 0 ? $"/api/chart.png?width={600 + i}&height=400" : $"/api/chart/layout?width={600 + i}&height=400")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }
}
