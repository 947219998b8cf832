using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Charts;

/// <summary>
/// The charts read each listing's own exchange calendar: the event-time view counts its sessions (a session without a
/// row is a gap, not a shift), the time chart's event markers carry each listing's day 0 with the reason, and an edit
/// of a listing's exchange makes a new picture. Real files are read in place; expected values come from their raw rows.
/// </summary>
public sealed class ListingCalendarChartTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly HttpClient _editor;

    public ListingCalendarChartTests()
    {
        _factory = MarketContextFactory.In(_folder);
        _editor = _factory.Authorize(_factory.CreateClient(), "listing-calendar-editor");
    }

    public void Dispose()
    {
        _editor.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    private Task ImportAsync(string symbol, string path) => RealData.ImportAsync(_editor, symbol, path);

    private static Dictionary<string, double> AdjCloses(string path)
    {
        var lines = File.ReadAllLines(path);
        var column = Array.IndexOf(lines[0].Split(','), "Adj Close");
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => double.Parse(c[column], CultureInfo.InvariantCulture));
    }

    private static string[] Row(string[] lines, int day) =>
        lines.Single(l => l.StartsWith(day.ToString(CultureInfo.InvariantCulture) + ",", StringComparison.Ordinal)).Split(',');

    [Fact]
    public async Task A_session_without_a_row_is_a_gap_in_the_event_time_window_and_the_later_days_keep_their_place()
    {
        await ImportAsync("ERIC-B.ST", RealData.Markets("ERIC-B.ST.csv"));
        var slug = "sessions-" + Guid.NewGuid().ToString("N")[..8];
        await (await _editor.PostAsJsonAsync("/api/event-sets", new { slug, title = "Sessions" })).JsonAsync(HttpStatusCode.Created);
        await (await _editor.PostAsync($"/api/event-sets/{slug}/import",
            JsonContent.Create(new[] { new { id = "J1", title = "A Wednesday in July", category = "industry", date = "2020-07-15" } }))).JsonAsync();

        var csv = await _editor.GetStringAsync($"/api/chart.csv?view=event-time&eventSet={slug}&eventIds=J1&symbols=ERIC-B.ST&window=5");
        var lines = csv.TrimEnd('\n').Split('\n');

        // Stockholm sessions from day 0, by hand: 15, 16, 17, 20, 21, 22 July. The file has no row on Monday the 20th (SOURCES.md).
        var rows = AdjCloses(RealData.Markets("ERIC-B.ST.csv"));
        double Rebased(string day) => 100 * rows[day] / rows["2020-07-14"];
        Assert.Equal(100, double.Parse(Row(lines, -1)[1], CultureInfo.InvariantCulture), 6);
        Assert.Equal(Rebased("2020-07-17"), double.Parse(Row(lines, 2)[1], CultureInfo.InvariantCulture), 4);
        Assert.Equal("", Row(lines, 3)[1]);
        Assert.Equal(Rebased("2020-07-21"), double.Parse(Row(lines, 4)[1], CultureInfo.InvariantCulture), 4);
        Assert.Equal(Rebased("2020-07-22"), double.Parse(Row(lines, 5)[1], CultureInfo.InvariantCulture), 4);
    }

    [Fact]
    public async Task The_time_charts_event_marker_names_each_listings_day_0_with_the_reason()
    {
        await ImportAsync("ERIC", RealData.Prices("ERIC.csv"));
        await ImportAsync("ERIC-B.ST", RealData.Markets("ERIC-B.ST.csv"));

        var layout = await _editor.GetJsonAsync("/api/chart/layout?symbols=ERIC,ERIC-B.ST&from=2020-03-02&to=2020-05-29");
        var article = layout.GetProperty("markers").EnumerateArray().Single(m => m.Str("kind") == "event" && m.Str("id") == "E31");
        var listings = article.GetProperty("listings").EnumerateArray().ToDictionary(l => l.Str("symbol")!);
        Assert.Equal("2020-04-09", listings["ERIC"].Str("day0"));
        Assert.Equal("15:44 New York, before the 16:00 New York close → 9 April", listings["ERIC"].Str("day0Reason"));
        Assert.Equal("2020-04-14", listings["ERIC-B.ST"].Str("day0"));
        Assert.Equal("15:44 New York, after the 13:00 Stockholm close; 10 and 13 April closed → 14 April", listings["ERIC-B.ST"].Str("day0Reason"));

        // The event-time view's marker on its day-0 line says the same.
        var eventTime = await _editor.GetJsonAsync("/api/chart/layout?view=event-time&eventIds=E31&company=Ericsson&window=3");
        var marker = Assert.Single(eventTime.GetProperty("markers").EnumerateArray());
        Assert.Equal(["ERIC 2020-04-09", "ERIC-B.ST 2020-04-14"],
            marker.GetProperty("listings").EnumerateArray().Select(l => $"{l.Str("symbol")} {l.Str("day0")}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Moving_a_listing_to_another_exchange_makes_a_new_event_time_picture_and_study()
    {
        await ImportAsync("QQQ", RealData.Prices("QQQ.csv"));
        await ImportAsync("ERIC-B.ST", RealData.Markets("ERIC-B.ST.csv"));
        await ImportAsync("^OMX", RealData.Markets("^OMX.csv"));
        const string View = "/api/chart/layout?view=event-time&eventIds=E31&symbols=ERIC-B.ST&window=3";
        static string Day0(JsonElement layout) => layout.GetProperty("markers")[0].GetProperty("listings")[0].Str("day0")!;

        Assert.Equal("2020-04-14", Day0(await _editor.GetJsonAsync(View)));
        var png = await _editor.GetByteArrayAsync(View.Replace("/chart/layout", "/chart.png", StringComparison.Ordinal));
        Assert.Equal("2020-04-14", (await _editor.GetJsonAsync("/api/event-study?symbol=ERIC-B.ST&eventId=E31")).Str("day0"));

        await (await _editor.PutAsync("/api/series/ERIC-B.ST/listing", Api.Json(new { exchange = "XNYS" }))).JsonAsync();

        // On the New York calendar the article came out 16 minutes before the close.
        Assert.Equal("2020-04-09", Day0(await _editor.GetJsonAsync(View)));
        Assert.NotEqual(png, await _editor.GetByteArrayAsync(View.Replace("/chart/layout", "/chart.png", StringComparison.Ordinal)));
        var study = await _editor.GetJsonAsync("/api/event-study?symbol=ERIC-B.ST&eventId=E31&benchmark=%5EOMX");
        Assert.Equal(("2020-04-09", "XNYS"), (study.Str("day0"), study.Str("calendar")));
    }
}
