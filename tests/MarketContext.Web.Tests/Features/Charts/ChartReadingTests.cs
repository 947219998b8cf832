using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Charts;

/// <summary>
/// The values the page reads off the chart. Expected figures are worked from the fixture's own rule: QQQ's close
/// on row i (weekdays from 2020-03-02) is 200 + i and its adjusted close 0.9 of that.
/// </summary>
public sealed class ChartReadingTests(AppFixture app) : IClassFixture<AppFixture>
{
    private HttpClient Client => app.Client;

    private const string Range = "symbols=QQQ&from=2020-03-04&to=2020-03-10";
    private static readonly string[] RangeDays = ["2020-03-04", "2020-03-05", "2020-03-06", "2020-03-09", "2020-03-10"];

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];

    [Theory]
    // Rows 2 to 6: closes 202 to 206; the first day's change is from row 1 (201), the day before the range.
    [InlineData("price", new[] { 202.0, 203, 204, 205, 206 })]
    [InlineData("rebased", new[] { 100.0, 100 * 203 / 202.0, 100 * 204 / 202.0, 100 * 205 / 202.0, 100 * 206 / 202.0 })]
    [InlineData("percent", new[] { 0.0, 100 * (203 / 202.0 - 1), 100 * (204 / 202.0 - 1), 100 * (205 / 202.0 - 1), 100 * (206 / 202.0 - 1) })]
    public async Task Values_are_what_the_chart_plots_in_its_mode_with_each_days_change(string mode, double[] expected)
    {
        var values = await Client.GetJsonAsync($"/api/chart/values?{Range}&mode={mode}");

        Assert.Equal(mode, values.Str("mode"));
        Assert.Equal(RangeDays, values.GetProperty("dates").EnumerateArray().Select(d => d.GetString()));
        var qqq = values.GetProperty("series").EnumerateArray().Single();
        Assert.Equal("QQQ", qqq.Str("symbol"));
        Assert.Matches("^#[0-9A-F]{6}$", qqq.Str("color"));
        Assert.Equal(expected, Numbers(qqq.GetProperty("values")), (a, b) => Math.Abs(a - b) < 1e-5);
        double[] changes = [100 * (202 / 201.0 - 1), 100 * (203 / 202.0 - 1), 100 * (204 / 203.0 - 1), 100 * (205 / 204.0 - 1), 100 * (206 / 205.0 - 1)];
        Assert.Equal(changes, Numbers(qqq.GetProperty("changes")), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public async Task A_series_that_did_not_trade_on_a_day_of_the_others_reads_null_there_and_the_first_stored_day_has_no_change()
    {
        // Five rows from 2020-03-05: not traded on the 4th, and the 5th is its first stored day.
        (await Client.PostAsync("/api/series/LATE/import", Api.Csv(PriceFixtures.Yahoo(50, 1, rows: 5, from: new DateOnly(2020, 3, 5))))).EnsureSuccessStatusCode();

        var values = await Client.GetJsonAsync("/api/chart/values?symbols=QQQ,LATE&from=2020-03-04&to=2020-03-10&mode=price");

        var late = values.GetProperty("series").EnumerateArray().Single(s => s.Str("symbol") == "LATE");
        Assert.Equal(JsonValueKind.Null, late.GetProperty("values")[0].ValueKind);
        Assert.Equal(50, late.GetProperty("values")[1].GetDouble());
        Assert.Equal(JsonValueKind.Null, late.GetProperty("changes")[1].ValueKind);
        Assert.Equal(100 * (51 / 50.0 - 1), late.GetProperty("changes")[2].GetDouble(), 5);
    }

    [Fact]
    public async Task A_browser_revalidates_for_free_an_annotation_leaves_the_values_alone_and_an_import_changes_them()
    {
        (await Client.PostAsync("/api/series/FRESH/import", Api.Csv(PriceFixtures.Yahoo(10, 1)))).EnsureSuccessStatusCode();
        const string url = "/api/chart/values?symbols=FRESH&from=2020-03-02&to=2020-03-06&mode=price";
        var first = await Client.GetAsync(url);
        var etag = first.Headers.ETag!.Tag;
        Assert.Equal(10, (await first.JsonAsync()).GetProperty("series")[0].GetProperty("values")[0].GetDouble());

        (await Client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-03", text = "Not a price" })).EnsureSuccessStatusCode();
        using var again = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "If-None-Match", etag } } };
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(again)).StatusCode);

        (await Client.PostAsync("/api/series/FRESH/import", Api.Csv(PriceFixtures.Yahoo(30, 1)))).EnsureSuccessStatusCode();
        using var afterImport = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "If-None-Match", etag } } };
        var changed = await Client.SendAsync(afterImport);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
        Assert.Equal(30, (await changed.JsonAsync()).GetProperty("series")[0].GetProperty("values")[0].GetDouble());
    }

    [Theory]
    [InlineData("/api/chart/values?view=event-time&eventIds=E11", "view")]
    [InlineData("/api/chart/overview?view=event-time&eventIds=E11", "view")]
    [InlineData("/api/chart/values?from=2020-13-01", "from")]
    [InlineData("/api/chart/overview?width=100000", "width")]
    public async Task A_query_the_chart_would_refuse_or_the_event_time_view_is_refused_naming_the_field(string url, string field)
    {
        var problem = await (await Client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(problem.Errors(), e => e.Str("field") == field);
    }

    [Fact]
    public async Task The_overview_spans_the_whole_history_in_the_strips_pixels_on_a_log_scale_of_each_series_own_range()
    {
        // The range asked for is the chart's; the overview ignores it and spans all 30 stored days.
        var overview = await Client.GetJsonAsync("/api/chart/overview?symbols=QQQ&from=2020-03-04&to=2020-03-10&width=320");

        Assert.Equal(PriceFixtures.First, overview.Str("from"));
        Assert.Equal(PriceFixtures.Last, overview.Str("to"));
        var qqq = overview.GetProperty("series").EnumerateArray().Single();
        var (xs, ys) = (Numbers(qqq.GetProperty("xs")), Numbers(qqq.GetProperty("ys")));
        var days = PriceFixtures.Weekdays(PriceFixtures.FirstDay, PriceFixtures.Rows);
        double Column(DateOnly d) => (d.DayNumber - days[0].DayNumber) * 320.0 / (days[^1].DayNumber - days[0].DayNumber);
        double Height(int row) => Math.Log(0.9 * (200 + row) / 180) / Math.Log(0.9 * 229 / 180);
        Assert.Equal(days.Select(Column), xs, (a, b) => Math.Abs(a - b) <= 0.05);
        Assert.Equal(Enumerable.Range(0, days.Count).Select(Height), ys, (a, b) => Math.Abs(a - b) <= 0.001);
    }

    [Fact]
    public async Task A_long_history_is_decimated_to_a_few_points_per_column_keeping_its_extremes()
    {
        // 3,000 days rising then falling: the peak must survive decimation.
        var csv = new System.Text.StringBuilder(PriceFixtures.YahooHeader);
        var days = PriceFixtures.Weekdays(new DateOnly(2005, 1, 3), 3000);
        for (var i = 0; i < days.Count; i++)
        {
            var close = PriceFixtures.F(10 + 1000 - Math.Abs(i - 1234) * 0.5);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n{days[i]:yyyy-MM-dd},{close},{close},{close},{close},{close},100");
        }
        (await Client.PostAsync("/api/series/PEAK/import", Api.Csv(csv.ToString()))).EnsureSuccessStatusCode();

        var overview = await Client.GetJsonAsync("/api/chart/overview?symbols=PEAK&width=400");

        var peak = overview.GetProperty("series").EnumerateArray().Single();
        var (xs, ys) = (Numbers(peak.GetProperty("xs")), Numbers(peak.GetProperty("ys")));
        Assert.InRange(xs.Length, 400, 4 * 401);
        Assert.All(xs.Zip(xs.Skip(1)), pair => Assert.True(pair.First <= pair.Second));
        Assert.InRange(xs.Min(), 0, 0);
        Assert.InRange(xs.Max(), 400, 400);
        Assert.Equal(1, ys.Max());
        var top = xs[Array.IndexOf(ys, ys.Max())];
        var expected = (days[1234].DayNumber - days[0].DayNumber) * 400.0 / (days[^1].DayNumber - days[0].DayNumber);
        Assert.InRange(top, expected - 0.1, expected + 0.1);
    }
}
