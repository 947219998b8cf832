using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// The browser tests run with the shipped drawing limits: an anonymous address may ask for 120 drawings a minute
/// (README, configuration), every browser context is a viewer with an address of its own, and signing in lifts it.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class RenderLimitTests(DashboardFixture app)
{
    private const int ShippedAnonymousRendersPerMinute = 120;
    private const string Layout = "/api/chart/layout?symbols=ERIC&from=2020-01-02&to=2020-03-31&width=800&height=400";

    [Fact]
    public async Task An_anonymous_viewer_gets_the_shipped_drawings_a_minute_then_429_while_another_viewer_and_a_signed_in_one_still_draw()
    {
        await using var viewer = await app.NewDashboardPageAsync();
        await viewer.Page.GotoAsync("/healthz");

        // One after another, all within the minute that this address's first request opened.
        var statuses = await viewer.Page.EvaluateAsync<int[]>("""
            async ([url, count]) => {
                const statuses = [];
                for (let i = 0; i < count; i++) statuses.push((await fetch(url)).status);
                return statuses;
            }
            """, new object[] { Layout, ShippedAnonymousRendersPerMinute + 1 });
        Assert.Equal(Enumerable.Repeat(200, ShippedAnonymousRendersPerMinute), statuses[..ShippedAnonymousRendersPerMinute]);
        Assert.Equal(429, statuses[^1]);
        var retryAfter = await viewer.Page.EvaluateAsync<int>($"async () => Number((await fetch('{Layout}')).headers.get('retry-after'))");
        Assert.InRange(retryAfter, 1, 60);

        await using var other = await app.NewDashboardPageAsync();
        await other.Page.GotoAsync("/healthz");
        Assert.Equal(200, await other.Page.EvaluateAsync<int>($"async () => (await fetch('{Layout}')).status"));

        var account = await app.CreateUserAsync("viewer");
        await viewer.SignInAsync(account.Name, account.Password);
        await Expect(viewer.SignedInAs).ToContainTextAsync(account.Name);
        Assert.Equal(200, await viewer.Page.EvaluateAsync<int>($"async () => (await fetch('{Layout}')).status"));
    }
}
