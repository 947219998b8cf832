using MarketContext.TestSupport;
using Microsoft.Playwright;
using static MarketContext.BrowserTests.ChartGeometry;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// A feed that fails is said on the page and tried again, and nothing waits for another: the chart draws while the
/// annotation list fails, and a refused zoom keeps the last picture on screen.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class FeedFailureTests(DashboardFixture app)
{
    private const string Broken = """{"type":"about:blank","title":"Broken on purpose","status":500}""";

    /// <summary>Retries wait 1 s, then 2 s, 4 s …: a few rounds fit in this.</summary>
    private static readonly LocatorAssertionsToBeHiddenOptions Recovered = new() { Timeout = 15_000 };

    private static Task FailAsync(IPage page, string url) =>
        page.RouteAsync(url, route => route.FulfillAsync(new() { Status = 500, ContentType = "application/problem+json", Body = Broken }));

    private async Task<DashboardPage> OpenFailingAsync(string url, string path = "/")
    {
        var dashboard = await app.NewDashboardPageAsync();
        await FailAsync(dashboard.Page, url);
        await dashboard.Page.GotoAsync(path);
        return dashboard;
    }

    [Fact]
    public async Task The_chart_draws_while_the_annotation_list_fails_and_the_list_arrives_once_it_answers()
    {
        await using var dashboard = await OpenFailingAsync("**/api/annotations");
        var page = dashboard.Page;
        var notices = page.GetByTestId("feed-notices");

        await WaitForChartAsync(page);
        await Expect(notices).ToBeVisibleAsync();
        await Expect(notices).ToContainTextAsync("Annotations: the server answered 500. Broken on purpose");

        await page.UnrouteAsync("**/api/annotations");
        await Expect(notices).ToBeHiddenAsync(Recovered);
        await Expect(dashboard.ConnectionStatus).ToHaveTextAsync("connected");
        dashboard.AssertNoUncaughtErrors();
    }

    [Theory]
    [InlineData("**/api/chart/annotations?**", "Annotations on the chart: the server answered 500.")]
    [InlineData("**/api/chart/layout?**", "Chart: the server answered 500.")]
    [InlineData("**/api/annotations/changes?**", "Annotation changes: the server answered 500.")]
    public async Task A_failing_feed_is_said_on_the_page_and_tried_again_until_it_answers(string url, string notice)
    {
        await using var dashboard = await OpenFailingAsync(url);
        var page = dashboard.Page;
        var notices = page.GetByTestId("feed-notices");
        await Expect(notices).ToBeVisibleAsync();
        await Expect(notices).ToContainTextAsync(notice);
        await Expect(notices).ToContainTextAsync("Trying again");

        await page.UnrouteAsync(url);
        await Expect(notices).ToBeHiddenAsync(Recovered);
        await Expect(notices).ToHaveTextAsync("");
        await WaitForChartAsync(page);
        dashboard.AssertNoUncaughtErrors();
    }

    [Fact]
    public async Task A_failing_study_says_so_and_shows_the_study_once_it_answers()
    {
        await using var dashboard = await OpenFailingAsync("**/api/event-study?**");
        var page = dashboard.Page;
        var summary = page.Locator("#study-summary");
        await Expect(summary).ToContainTextAsync("Event study: the server answered 500.");

        await page.UnrouteAsync("**/api/event-study?**");
        await Expect(summary).ToContainTextAsync("Day 0", new() { Timeout = 15_000 });
        dashboard.AssertNoUncaughtErrors();
    }

    [Fact]
    public async Task A_zoom_refused_by_the_real_rate_limit_says_so_and_keeps_the_last_picture()
    {
        using var folder = new TempFolder();
        var prices = Directory.CreateDirectory(Path.Combine(folder.Path, "prices")).FullName;
        PriceFixtures.WriteWaves(prices, "ERIC", basePrice: 8.5, phase: 0.0);
        PriceFixtures.WriteWaves(prices, "NOK", basePrice: 5.2, phase: 1.3);
        PriceFixtures.WriteWaves(prices, "QQQ", basePrice: 170.0, phase: 2.1);
        await using var factory = new MarketContextFactory(Path.Combine(folder.Path, "limited.db"), prices, Path.Combine(folder.Path, "keys"),
            new Dictionary<string, string?> { ["MarketContext:AnonymousRendersPerMinute"] = "8" });
        var address = factory.StartKestrel();
        await using var context = await app.Browser.NewContextAsync(new() { BaseURL = address, ViewportSize = new() { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout((float)DashboardFixture.Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/?from=2019-03-01&to=2019-09-30");
        await WaitForChartAsync(page);
        var notices = page.GetByTestId("feed-notices");

        // Each zoom asks for a picture and its layout; the anonymous budget runs out within a few.
        for (var zoom = 0; zoom < 8 && !await notices.IsVisibleAsync(); zoom++)
        {
            var shown = await page.Locator("#chart-image").GetAttributeAsync("src");
            var to = $"2019-09-{20 - zoom:00}";
            await page.EvaluateAsync("(to) => { const f = document.getElementById('range-to'); f.value = to; f.dispatchEvent(new Event('change', { bubbles: true })); }", to);
            await page.WaitForFunctionAsync(
                "(to) => document.getElementById('chart-image').src.includes('to=' + to) || !document.getElementById('feed-notices').hidden", to);
            if (await notices.IsVisibleAsync())
            {
                await Expect(notices).ToContainTextAsync("429");
                await Expect(notices).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Trying again in [1-9]\d* s"));
                // The last picture stays, whole.
                Assert.Equal(shown, await page.Locator("#chart-image").GetAttributeAsync("src"));
                Assert.True(await page.EvaluateAsync<bool>("() => { const i = document.getElementById('chart-image'); return i.complete && i.naturalWidth > 0; }"));
                return;
            }
        }
        Assert.Fail("The rate limit never refused a zoom.");
    }
}
