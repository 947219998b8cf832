using System.Text.RegularExpressions;
using MarketContext.Web.Features.Auth;
using Microsoft.Playwright;
using static MarketContext.BrowserTests.ChartGeometry;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// Everything a pointer does on the dashboard, done with the keyboard alone (WCAG 2.1.1 and 2.5.7): zoom, pan, annotate
/// a day and a period, step through the events, read the values as a table, download. The mouse is never touched;
/// focus is given to a control as Tab would, and every action is a key.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class KeyboardTourTests(DashboardFixture app)
{
    private static int Days((DateOnly From, DateOnly To) r) => r.To.DayNumber - r.From.DayNumber;

    [Fact]
    public async Task Zoom_pan_annotate_a_day_and_a_period_step_through_events_and_download_with_the_keyboard_alone()
    {
        await using var dashboard = await app.OpenDashboardAsync(await app.CreateUserAsync(Roles.Editor));
        var page = dashboard.Page;
        await WaitForChartAsync(page);
        var start = UrlRange(page);
        var chart = page.GetByTestId("chart");

        // Zoom in with + on the focused chart, then pan half a window earlier with Ctrl+←: as wide, earlier.
        await chart.FocusAsync();
        await Expect(page.GetByTestId("readout-date")).ToHaveTextAsync(IsoDate());
        await page.Keyboard.PressAsync("+");
        var zoomed = await WaitForRangeChangeAsync(page, start);
        Assert.True(Days(zoomed) < Days(start) * 0.7, $"+ did not zoom in: {zoomed} against {start}.");
        await page.Keyboard.PressAsync("Control+ArrowLeft");
        var panned = await WaitForRangeChangeAsync(page, zoomed);
        Assert.True(panned.From < zoomed.From && Math.Abs(Days(panned) - Days(zoomed)) <= 1, $"Ctrl+← did not pan earlier at the same width: {panned} after {zoomed}.");

        // The same with the buttons, pressed from the keyboard: zoom out, pan later.
        await page.GetByTestId("zoom-out").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var wider = await WaitForRangeChangeAsync(page, panned);
        Assert.True(Days(wider) > Days(panned), $"Zoom out did not widen {panned}: {wider}.");
        await page.GetByTestId("pan-later").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        var later = await WaitForRangeChangeAsync(page, wider);
        Assert.True(later.From > wider.From, $"Pan later did not move {wider} later: {later}.");

        // Annotate a day: Enter on the chart opens the form on the crosshair's day, the text is typed, Tab reaches submit.
        await chart.FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        var day = await page.GetByTestId("readout-date").TextContentAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("annotation-text")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("annotation-date")).ToHaveValueAsync(day!);
        var dayText = $"Keyboard day {Guid.NewGuid():N}";
        await page.Keyboard.TypeAsync(dayText);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByTestId("annotation-submit")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(dashboard.AnnotationWithText(dayText).Locator(".meta")).ToContainTextAsync(day!);

        // Annotate a period: Enter on its first day, → five trading days, Shift+Enter ends it there.
        await chart.FocusAsync();
        await page.Keyboard.PressAsync("Home");
        var first = await page.GetByTestId("readout-date").TextContentAsync();
        await page.Keyboard.PressAsync("Enter");
        await chart.FocusAsync();
        for (var i = 0; i < 5; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }
        var last = await page.GetByTestId("readout-date").TextContentAsync();
        await page.Keyboard.PressAsync("Shift+Enter");
        await Expect(page.GetByTestId("annotation-end-date")).ToHaveValueAsync(last!);
        var periodText = $"Keyboard period {Guid.NewGuid():N}";
        await page.Keyboard.TypeAsync(periodText);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dashboard.AnnotationWithText(periodText).Locator(".meta")).ToContainTextAsync($"{first} – {last}");

        // The Annotate button opens the same form on its start date, for dates typed in.
        await page.GetByTestId("annotate-here").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("annotation-date")).ToBeFocusedAsync();

        // Step through the events: N on the chart, then the Previous event button; each step is announced with the
        // event, its day 0 per vendor and the study's CAR and p as /api/event-study answers them.
        await chart.FocusAsync();
        await page.Keyboard.PressAsync("n");
        var announcer = page.GetByTestId("event-announcer");
        await Expect(announcer).ToContainTextAsync(new Regex(@"^E\d+, event \d+ of \d+: "));
        await Expect(announcer).ToContainTextAsync(new Regex(@"ERIC: (day 0 \d{4}-\d\d-\d\d, CAR\[−\d+,\+\d+\] [+−]\d+\.\d\d%, p|[A-Z])"));
        var firstStep = await announcer.TextContentAsync();
        var firstId = EventId().Match(firstStep!).Value;
        await Expect(page.GetByTestId("study-event")).ToHaveValueAsync(firstId);
        await page.Keyboard.PressAsync("n");
        await Expect(announcer).Not.ToHaveTextAsync(firstStep!);
        var secondId = EventId().Match((await announcer.TextContentAsync())!).Value;
        Assert.NotEqual(firstId, secondId);
        await page.GetByTestId("event-previous").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(announcer).ToHaveTextAsync(new Regex($"^{firstId}, "));
        await AssertStudyMatchesServerAsync(page, firstId, await announcer.TextContentAsync());

        // Read the values as a table: the disclosure under the chart opens from the keyboard.
        await page.GetByTestId("chart-data").Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("chart-data-table").Locator("thead th").First).ToHaveTextAsync("Date");
        await Expect(page.GetByTestId("chart-data-table").Locator("thead")).ToContainTextAsync("ERIC (rebased)");

        // Download the picture: Enter on the focused link.
        await page.GetByTestId("download-png").FocusAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.EndsWith(".png", download.SuggestedFilename, StringComparison.Ordinal);
        dashboard.AssertNoScriptErrors();
    }

    /// <summary>The announced CAR and p are the server's, for the first vendor, as its study answers them.</summary>
    private async Task AssertStudyMatchesServerAsync(IPage page, string eventId, string? announced)
    {
        using var api = await app.ApiClientAsync();
        using var response = await api.GetAsync($"/api/event-study?symbol=ERIC&eventId={eventId}");
        if (!response.IsSuccessStatusCode)
        {
            Assert.Contains("ERIC: ", announced, StringComparison.Ordinal);
            return;
        }
        using var study = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = study.RootElement;
        var car = root.GetProperty("car").GetDouble() * 100;
        var p = root.GetProperty("pValue").GetDouble();
        var expected = $"ERIC: day 0 {root.GetProperty("day0").GetString()}, CAR[−{root.GetProperty("pre").GetInt32()},+{root.GetProperty("post").GetInt32()}] " +
            $"{(car >= 0 ? "+" : "−")}{Math.Abs(car).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}%, " +
            (p < 0.001 ? "p < 0.001." : $"p = {p.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}.");
        Assert.Contains(expected, announced, StringComparison.Ordinal);
        await Expect(page.GetByTestId("study-table").Locator("tbody tr")).ToHaveCountAsync(root.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task In_event_time_the_next_event_button_aligns_the_next_event_at_day_0()
    {
        await using var dashboard = await app.OpenDashboardAsync(path: "/?view=event-time&eventIds=E25");
        var page = dashboard.Page;
        await WaitForChartAsync(page);

        await page.GetByTestId("event-next").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var announcer = page.GetByTestId("event-announcer");
        await Expect(announcer).ToContainTextAsync(new Regex(@"^E\d+, event \d+ of \d+: "));
        var id = EventId().Match((await announcer.TextContentAsync())!).Value;
        Assert.Equal(await EventAfterAsync("E25"), id);
        await page.WaitForURLAsync(new Regex($"eventIds={id}(&|$)"));
        await Expect(page.Locator("#chart-image")).ToHaveAttributeAsync("src", new Regex($"eventIds={id}(&|$)"));
        dashboard.AssertNoScriptErrors();
    }

    /// <summary>The dated event that became public next after the given one (ties by id), from the events API.</summary>
    private async Task<string> EventAfterAsync(string id)
    {
        using var api = await app.ApiClientAsync();
        using var events = System.Text.Json.JsonDocument.Parse(await api.GetStringAsync("/api/events"));
        var dated = events.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("date").ValueKind == System.Text.Json.JsonValueKind.String)
            .Select(e => (Id: e.GetProperty("id").GetString()!, Day: (e.GetProperty("firstPublic").ValueKind == System.Text.Json.JsonValueKind.String ? e.GetProperty("firstPublic") : e.GetProperty("date")).GetString()!))
            .OrderBy(e => e.Day, StringComparer.Ordinal).ThenBy(e => int.Parse(e.Id[1..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return dated[dated.FindIndex(e => e.Id == id) + 1].Id;
    }

    [GeneratedRegex(@"^E\d+")]
    private static partial Regex EventId();
}
