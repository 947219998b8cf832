using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// The Events page's study, said as a table for readers who cannot see its picture: opened from the keyboard, a table
/// with a caption, column and row headers that a screen reader names, holding the server's study day by day.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class EventsStudyTableTests(DashboardFixture app)
{
    [Fact]
    public async Task The_single_studys_days_open_as_a_named_table_from_the_keyboard_with_the_servers_values()
    {
        await using var dashboard = await app.NewDashboardPageAsync();
        var page = dashboard.Page;
        await page.GotoAsync("/Events?selected=E25%3AERIC");
        await Expect(page.GetByTestId("car-chart")).ToBeVisibleAsync();

        var fold = page.GetByTestId("study-data");
        await fold.Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(fold).ToHaveAttributeAsync("open", "");

        var table = page.GetByRole(AriaRole.Table, new() { Name = "ERIC around E25: each day of the event window, in %" });
        await Expect(table).ToBeVisibleAsync();
        await Expect(table.GetByRole(AriaRole.Columnheader)).ToHaveTextAsync(["Day", "Date", "ERIC return %", "QQQ return %", "Expected %", "Abnormal %", "CAR %"]);

        using var api = await app.ApiClientAsync();
        using var study = JsonDocument.Parse(await api.GetStringAsync("/api/event-study?symbol=ERIC&eventId=E25"));
        var days = study.RootElement.GetProperty("rows").EnumerateArray().ToList();
        var rows = table.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(days.Count);
        var pct = (JsonElement row, string field) => (row.GetProperty(field).GetDouble() * 100).ToString("0.00", CultureInfo.InvariantCulture);
        var last = days[^1];
        await Expect(rows.Last.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync($"+{last.GetProperty("day").GetInt32()}");
        await Expect(rows.Last.Locator("td")).ToHaveTextAsync([last.GetProperty("date").GetString()!, pct(last, "return"), pct(last, "benchmarkReturn"),
            pct(last, "expected"), pct(last, "abnormal"), pct(last, "car")]);
        await Expect(page.Locator("#study-data-status")).ToHaveTextAsync($"{days.Count} days.");

        // The table scrolls in a region of its own, reached by Tab, so a keyboard scrolls it too.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "The study's days" })).ToBeFocusedAsync();
        dashboard.AssertNoScriptErrors();
    }
}
