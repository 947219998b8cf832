using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>The chart's currency is a choice in the chart settings, and the link carries it.</summary>
[Collection(DashboardCollection.Name)]
public sealed class CurrencyChoiceTests(DashboardFixture app)
{
    [Fact]
    public async Task A_chosen_currency_is_asked_of_the_chart_and_comes_back_with_the_link()
    {
        await using var first = await app.OpenDashboardAsync();
        var page = first.Page;
        await Expect(page.GetByTestId("currency")).ToHaveValueAsync("");

        await page.GetByTestId("currency").SelectOptionAsync("USD");
        await Expect(page.Locator("#chart-image")).ToHaveAttributeAsync("src", new Regex("currency=USD"));
        Assert.Contains("currency=USD", page.Url, StringComparison.Ordinal);

        await using var second = await app.NewDashboardPageAsync();
        await second.Page.GotoAsync(page.Url);
        await Expect(second.Page.GetByTestId("currency")).ToHaveValueAsync("USD");
        await Expect(second.Page.Locator("#chart-image")).ToHaveAttributeAsync("src", new Regex("currency=USD"));
        first.AssertNoScriptErrors();
        second.AssertNoScriptErrors();
    }
}
