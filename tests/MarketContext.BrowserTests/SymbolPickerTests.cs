using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>With many series the dashboard finds one by typing, and editors set a series' role on the Import page.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SymbolPickerTests(DashboardFixture app)
{
    private static string Yahoo(double start)
    {
        var csv = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume");
        var i = 0;
        for (var day = new DateOnly(2019, 6, 3); day <= new DateOnly(2020, 3, 31); day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                var close = start + Math.Sin(i++ / 9.0);
                csv.Append(CultureInfo.InvariantCulture, $"\n{day:yyyy-MM-dd},{close:F4},{close + 0.2:F4},{close - 0.2:F4},{close:F4},{close:F4},1000");
            }
        }
        return csv.ToString();
    }

    private async Task ImportAsync(HttpClient api, string symbol, double start) =>
        (await api.PostAsync($"/api/series/{symbol}/import", new StringContent(Yahoo(start), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

    [Fact]
    public async Task Typing_part_of_a_symbol_finds_it_and_picking_it_adds_it_to_the_chart_and_the_link()
    {
        var editor = await app.CreateUserAsync("editor");
        using var api = await app.ApiClientAsync(editor);
        await ImportAsync(api, "PICKZTE", 20);
        await ImportAsync(api, "PICKCIEN", 40);
        await using var dashboard = await app.OpenDashboardAsync();
        var page = dashboard.Page;

        await Expect(page.Locator("#symbol-choices input[name=symbols]")).ToHaveCountAsync(2);
        await page.GetByTestId("symbol-search").FillAsync("pickz");
        var options = page.GetByTestId("symbol-options").Locator("li[data-symbol]");
        await Expect(options).ToHaveCountAsync(1);
        await Expect(options.First).ToHaveAttributeAsync("data-symbol", "PICKZTE");
        await page.GetByTestId("symbol-search").PressAsync("Enter");

        await Expect(page.Locator("#symbol-choices input[value=PICKZTE]")).ToBeCheckedAsync();
        await Expect(page.Locator("#chart-image")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("symbols=ERIC%2CNOK%2CPICKZTE"));
        await page.WaitForURLAsync("**symbols=ERIC%2CNOK%2CPICKZTE**");
        await Expect(page.GetByTestId("symbol-options")).ToBeHiddenAsync();

        // The link brings the picked series back as a ticked checkbox.
        await page.ReloadAsync();
        await Expect(page.Locator("#symbol-choices input[value=PICKZTE]")).ToBeCheckedAsync();
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_editor_sets_a_series_role_on_the_import_page()
    {
        var editor = await app.CreateUserAsync("editor");
        using var api = await app.ApiClientAsync(editor);
        await ImportAsync(api, "ROLEPICK", 30);
        await using var dashboard = await app.NewDashboardPageAsync();
        var page = dashboard.Page;
        await page.GotoAsync("/Login?ReturnUrl=/Import");
        await page.GetByTestId("login-name").FillAsync(editor.Name);
        await page.GetByTestId("login-password").FillAsync(editor.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync("**/Import");

        var select = page.GetByTestId("role-ROLEPICK");
        await Expect(select).ToHaveValueAsync("other");
        await select.SelectOptionAsync("benchmark");
        await Expect(select).ToHaveAttributeAsync("data-saved", "true");

        // One benchmark at a time: the server made the previous one other, and the page shows what the server decided.
        await Expect(page.GetByTestId("role-QQQ")).ToHaveValueAsync("other");
        var series = await api.GetFromJsonAsync<List<SeriesRole>>("/api/series");
        Assert.Equal(["ROLEPICK"], series!.Where(s => s.Role == "benchmark").Select(s => s.Symbol));
        await page.GetByTestId("role-QQQ").SelectOptionAsync("benchmark");
        await Expect(page.GetByTestId("role-QQQ")).ToHaveAttributeAsync("title", "Saved: benchmark");
        await Expect(select).ToHaveValueAsync("other");
        dashboard.AssertNoScriptErrors();
    }

    private sealed record SeriesRole(string Symbol, string Role);
}
