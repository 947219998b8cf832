using MarketContext.TestSupport;
using MarketContext.Web.Features.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// A new database with no price folder: the administrator fetches the default series from the page itself, one
/// refresh per series against the online source (here a local stand-in), watching the progress, and gets the chart.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class FirstStartFetchTests(DashboardFixture dashboards)
{
    [Fact]
    public async Task An_administrator_fetches_the_default_series_in_the_page_with_progress_and_then_sees_the_chart()
    {
        using var folder = new TempFolder();
        await using var source = await RecordedPriceServer.StartAsync();
        var first = new DateOnly(2020, 1, 6);
        source.Enqueue(200, RecordedPriceServer.Chart("ERIC", first, 60, 8, 0.02));
        // The second series takes a moment, so the bar can be seen between the two.
        source.Enqueue(200, RecordedPriceServer.Chart("NOK", first, 60, 4, 0.01), delay: TimeSpan.FromSeconds(2));
        source.Enqueue(200, RecordedPriceServer.Chart("QQQ", first, 60, 210, 0.5));
        await using var app = new MarketContextFactory(folder.Combine("new.db"), folder.Combine("no-such-folder"), folder.Combine("keys"), new Dictionary<string, string?>
        {
            ["MarketContext:Vendors"] = "ERIC,NOK",
            ["MarketContext:Benchmark"] = "QQQ",
            ["MarketContext:PriceSource:Provider"] = "yahoo",
            ["MarketContext:PriceSource:BaseUrl"] = source.BaseUrl,
        });
        var address = app.StartKestrel();
        var password = $"pw-{Guid.NewGuid():N}";
        await app.Services.GetRequiredService<UserStore>().AddAsync("first-admin", password, Roles.Admin);

        var options = dashboards.ContextOptions();
        options.BaseURL = address;
        options.ExtraHTTPHeaders = null;
        await using var context = await dashboards.Browser.NewContextAsync(options);
        context.SetDefaultTimeout((float)DashboardFixture.Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Login?ReturnUrl=%2F");
        await page.GetByTestId("login-name").FillAsync("first-admin");
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-password").PressAsync("Enter");
        await Expect(page.GetByTestId("no-prices")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("fetch-progress")).ToBeHiddenAsync();

        await Expect(page.GetByTestId("fetch-defaults")).ToBeEnabledAsync();
        await page.GetByTestId("fetch-defaults").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var progress = page.GetByTestId("fetch-progress");
        await Expect(progress).ToBeVisibleAsync();
        await Expect(progress).ToHaveAttributeAsync("max", "3");
        await Expect(page.GetByTestId("fetch-outcomes")).ToContainTextAsync("ERIC: 60 days stored.");
        Assert.Equal(1, await progress.EvaluateAsync<int>("p => p.value"));
        // Every series in: the page reloads with the chart and no first-start notice.
        await Expect(page.GetByTestId("no-prices")).ToHaveCountAsync(0, new() { Timeout = 20000 });
        await Expect(page.Locator("#symbol-choices input[value=NOK]")).ToBeCheckedAsync();
        Assert.Equal(3, source.Requests.Count);
    }
}
