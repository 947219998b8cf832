using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>The study across events as a person uses it: choose a set, read the samples, open a member, download.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AggregatePageTests(DashboardFixture app)
{
    [Fact]
    public async Task Choosing_a_category_keeps_it_in_the_url_draws_the_samples_and_a_member_opens_its_single_study()
    {
        await using var tab = await app.NewDashboardPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/Events/Aggregate");

        await page.Locator("input[name=set][value=category]").CheckAsync();
        await page.GetByTestId("aggregate-category").SelectOptionAsync("us-pressure");
        await page.GetByTestId("aggregate-submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("set=category.*category=us-pressure"));
        await Expect(page.Locator("[data-sample]")).ToHaveCountAsync(3);
        var chart = page.GetByTestId("aggregate-chart");
        await Expect(chart).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=aggregate-chart]'); return i.complete && i.naturalWidth === 1000; }");

        var member = page.Locator("[data-testid=aggregate-members] tbody tr").First;
        var (symbol, eventId) = (await member.GetAttributeAsync("data-symbol"), await member.GetAttributeAsync("data-event-id"));
        await member.Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/Events\\?.*selected={eventId}%3A{symbol}"));
        await Expect(page.GetByTestId("car-chart")).ToBeVisibleAsync();
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_chart_downloads_as_png_and_the_numbers_as_csv_with_names_saying_what_they_show()
    {
        await using var tab = await app.NewDashboardPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/Events/Aggregate?set=selection&eventIds=E25&eventIds=E27&eventIds=E28");

        var png = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("aggregate-download-png").ClickAsync());
        Assert.Equal("ERIC-NOK_E25-E27-E28_caar_-5_5.png", png.SuggestedFilename);
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("aggregate-download-csv").ClickAsync());
        Assert.EndsWith(".csv", csv.SuggestedFilename);
        var text = await File.ReadAllTextAsync(await csv.PathAsync());
        Assert.StartsWith("sample,n,day,aar,caar,test,statistic,p_value\n", text, StringComparison.Ordinal);
        Assert.Contains("\npooled,6,", text, StringComparison.Ordinal);
    }
}
