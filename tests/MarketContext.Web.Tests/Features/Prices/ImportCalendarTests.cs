using System.Globalization;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>
/// An import is checked against its listing's exchange calendar: rows on closed days and sessions without a row are
/// reported with counts, first dates and line numbers, and every row is still stored. The real <c>^OMXH25</c> export
/// (nasdaq.com, on the US calendar) is read from <c>MarketContext__MarketsDirectory</c>, never copied.
/// </summary>
public sealed class ImportCalendarTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly HttpClient _editor;

    public ImportCalendarTests()
    {
        _factory = MarketContextFactory.In(_folder);
        _editor = _factory.Authorize(_factory.CreateClient(), "calendar-editor");
    }

    public void Dispose()
    {
        _editor.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    private async Task<JsonElement> ImportAsync(string symbol, string csv) =>
        await (await _editor.PostAsync($"/api/series/{Uri.EscapeDataString(symbol)}/import", Api.Csv(csv))).JsonAsync();

    [Fact]
    public async Task Six_weeks_of_weekdays_on_new_york_show_good_friday_as_a_closed_day_row_on_its_line()
    {
        // Rows on line 2 (2020-03-02) to line 31 (Friday 2020-04-10, Good Friday).
        var report = await ImportAsync("ZZZ", PriceFixtures.Yahoo(10, 0.1));
        var calendar = report.GetProperty("calendar");

        Assert.Equal("XNYS", calendar.Str("exchange"));
        Assert.Equal(30, calendar.GetProperty("rows").GetInt32());
        Assert.Equal(1, calendar.GetProperty("closedDayRows").GetInt32());
        var row = Assert.Single(calendar.GetProperty("firstClosedDayRows").EnumerateArray());
        Assert.Equal(("2020-04-10", 31, "Good Friday"), (row.Str("date"), row.GetProperty("line").GetInt32(), row.Str("reason")));
        Assert.Equal(0, calendar.GetProperty("missingSessions").GetInt32());
        Assert.Contains("2020-04-10 (Good Friday, line 31)", calendar.Str("summary"));
        // Reported, not dropped.
        Assert.Equal(30, report.GetProperty("inserted").GetInt32());
    }

    [Fact]
    public async Task An_fx_rate_is_on_no_exchange_and_gets_no_calendar_check()
    {
        var report = await ImportAsync("EURUSD=X", PriceFixtures.Yahoo(1.1, 0.001));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("calendar").ValueKind);
    }

    [Fact]
    public async Task The_omxh25_export_imported_as_a_helsinki_index_says_it_follows_the_us_calendar()
    {
        // Its rows from December 2019 to June 2020, newest first as nasdaq.com writes them, cut from the real file in memory.
        var lines = File.ReadAllLines(RealData.Markets("^OMXH25.csv"));
        var rows = lines.Skip(1).Where(l =>
            DateOnly.ParseExact(l.Split(',')[0], "MM/dd/yyyy", CultureInfo.InvariantCulture) is var d && d >= new DateOnly(2019, 12, 1) && d <= new DateOnly(2020, 6, 30)).ToList();
        var text = string.Join('\n', [lines[0], .. rows]);
        int LineOf(string usDate) => rows.FindIndex(r => r.StartsWith(usDate, StringComparison.Ordinal)) + 2;

        var report = await ImportAsync("^OMXH25", text);
        var calendar = report.GetProperty("calendar");

        Assert.Equal("XHEL", calendar.Str("exchange"));
        Assert.Equal(rows.Count, report.GetProperty("inserted").GetInt32());
        var closed = calendar.GetProperty("firstClosedDayRows").EnumerateArray().ToDictionary(r => r.Str("date")!, r => (r.GetProperty("line").GetInt32(), r.Str("reason")));
        // SOURCES.md: Helsinki holidays appear as rows with the previous close repeated and zero open, high and low.
        Assert.Equal((LineOf("12/24/2019"), "Christmas Eve"), closed["2019-12-24"]);
        Assert.Equal((LineOf("12/31/2019"), "New Year's Eve"), closed["2019-12-31"]);
        Assert.Equal((LineOf("06/19/2020"), "Midsummer Eve"), closed["2020-06-19"]);
        Assert.True(calendar.GetProperty("closedDayRowsWithoutHighLow").GetInt32() >= 3);
        // US holidays on which Helsinki traded have no row: Martin Luther King Jr. Day, Washington's Birthday, Memorial Day.
        var missing = calendar.GetProperty("firstMissingSessions").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Contains("2020-01-20", missing);
        Assert.Contains("2020-02-17", missing);
        Assert.Contains("2020-05-25", missing);
        Assert.Contains(calendar.Str("seemsToFollow"), new[] { "XNAS", "XNYS" });
        Assert.Contains("seems to follow", calendar.Str("summary"));
    }

    [Fact]
    public async Task The_whole_omxh25_export_is_stored_whole_and_its_report_counts_both_kinds_of_finding()
    {
        var path = RealData.Markets("^OMXH25.csv");
        var rows = File.ReadLines(path).Skip(1).Count(l => l.Trim().Length > 0);

        var report = await ImportAsync("^OMXH25", await File.ReadAllTextAsync(path));
        var calendar = report.GetProperty("calendar");

        Assert.Equal(rows, report.GetProperty("inserted").GetInt32());
        Assert.Equal(rows, calendar.GetProperty("rows").GetInt32());
        // About 6-7 a year over ten years, by SOURCES.md's count of holiday rows and of US holidays.
        Assert.InRange(calendar.GetProperty("closedDayRows").GetInt32(), 40, 120);
        Assert.InRange(calendar.GetProperty("missingSessions").GetInt32(), 40, 120);
        Assert.Equal(10, calendar.GetProperty("firstMissingSessions").GetArrayLength());
        Assert.NotNull(calendar.Str("seemsToFollow"));
    }
}
