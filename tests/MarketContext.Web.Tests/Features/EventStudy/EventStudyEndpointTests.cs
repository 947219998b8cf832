using System.Globalization;
using System.Net;
using System.Text;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.EventStudy;

/// <summary>The event-study API over 18 months of seeded random-walk prices, long enough for a 120-day estimation window.</summary>
public sealed class EventStudyEndpointTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly HttpClient _client;

    public EventStudyEndpointTests()
    {
        _factory = MarketContextFactory.In(_folder);
        PriceFixtures.WriteRandomWalks(_factory.PricesDirectory);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    // The values themselves are checked against a series built to known answers in ClosedFormStudyTests.
    [Fact]
    public async Task A_catalogue_event_gives_the_contracts_fields()
    {
        var study = await _client.GetJsonAsync("/api/event-study?symbol=ERIC&benchmark=QQQ&eventId=E25&pre=5&post=5&estimation=120&gap=10");

        Assert.Equal("ERIC", study.Str("symbol"));
        Assert.Equal("QQQ", study.Str("benchmark"));
        Assert.Equal("2020-02-13", study.Str("day0"));
        Assert.Equal(120, study.GetProperty("estimationDays").GetInt32());
        var rows = study.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(-5, 11), rows.Select(r => r.GetProperty("day").GetInt32()));
        Assert.All(rows, r => Assert.All(new[] { "return", "benchmarkReturn", "expected", "abnormal", "car" }, f => r.GetProperty(f).GetDouble()));
        Assert.All(new[] { "alpha", "beta", "sigma", "car", "tStat" }, f => Assert.True(double.IsFinite(study.GetProperty(f).GetDouble()), f));
        Assert.InRange(study.GetProperty("pValue").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task A_weekend_date_starts_on_the_next_session_of_the_listings_exchange()
    {
        // Monday 17 February 2020 was Washington's Birthday: New York was shut, though the fixture has a row that day.
        var study = await _client.GetJsonAsync("/api/event-study?symbol=NOK&date=2020-02-15");

        Assert.Equal("2020-02-18", study.Str("day0"));
        Assert.Equal("15 February, time of day unknown; 17 February closed → 18 February", study.Str("day0Reason"));
        Assert.Equal("XNYS", study.Str("calendar"));
        // The fixture's row on the holiday is no session: the window steps from Friday 14 to Tuesday 18 February.
        var rows = study.GetProperty("rows");
        Assert.Equal(("2020-02-14", "2020-02-18"), (rows[4].Str("date"), rows[5].Str("date")));
    }

    [Fact]
    public async Task Log_returns_differ_from_simple_returns()
    {
        var simple = await _client.GetJsonAsync("/api/event-study?symbol=NOK&eventId=E25");
        var log = await _client.GetJsonAsync("/api/event-study?symbol=NOK&eventId=E25&returns=log");

        var day0Simple = simple.GetProperty("rows")[5].GetProperty("return").GetDouble();
        var day0Log = log.GetProperty("rows")[5].GetProperty("return").GetDouble();
        Assert.Equal(Math.Log(1 + day0Simple), day0Log, 12);
    }

    [Fact]
    public async Task Too_little_history_is_a_422_saying_what_is_missing()
    {
        var problem = await (await _client.GetAsync("/api/event-study?symbol=ERIC&date=2019-03-01")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("131", problem.Str("detail"));
        Assert.Contains("ERIC", problem.Str("detail"));
    }

    [Fact]
    public async Task A_series_that_is_not_loaded_is_a_422_naming_it()
    {
        var problem = await (await _client.GetAsync("/api/event-study?symbol=ZZZ&eventId=E25")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("ZZZ", problem.Str("detail"));
    }

    [Fact]
    public async Task An_unknown_event_is_404_and_the_undated_one_is_422()
    {
        await (await _client.GetAsync("/api/event-study?symbol=ERIC&eventId=NOPE")).ProblemAsync(HttpStatusCode.NotFound);
        var undated = await (await _client.GetAsync("/api/event-study?symbol=ERIC&eventId=U01")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("undated", undated.Str("detail"));
    }

    [Theory]
    [InlineData("/api/event-study?eventId=E25", "symbol")]
    [InlineData("/api/event-study?symbol=ERIC", "eventId")]
    [InlineData("/api/event-study?symbol=ERIC&eventId=E25&date=2020-02-13", "date")]
    [InlineData("/api/event-study?symbol=ERIC&date=2020-13-01", "date")]
    [InlineData("/api/event-study?symbol=ERIC&eventId=E25&returns=weird", "returns")]
    [InlineData("/api/event-study?symbol=ERIC&eventId=E25&pre=11&gap=10", "pre")]
    [InlineData("/api/event-study?symbol=ERIC&eventId=E25&estimation=abc", "estimation")]
    public async Task Bad_parameters_are_a_400_naming_the_field(string url, string field)
    {
        var problem = await (await _client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(problem.Errors(), e => e.Str("field") == field);
    }

    [Fact]
    public async Task The_summary_covers_every_dated_event_for_both_vendors_and_agrees_with_the_single_study()
    {
        var events = (await _client.GetJsonAsync("/api/events")).EnumerateArray().Count(e => !e.IsNull("date"));
        var summary = (await _client.GetJsonAsync("/api/event-study/summary")).EnumerateArray().ToList();
        var single = await _client.GetJsonAsync("/api/event-study?symbol=ERIC&eventId=E25");

        Assert.Equal(events * 2, summary.Count);
        var row = summary.Single(r => r.Str("eventId") == "E25" && r.Str("symbol") == "ERIC");
        Assert.Equal(single.GetProperty("car").GetDouble(), row.GetProperty("car5").GetProperty("car").GetDouble(), 12);
        Assert.Equal(single.GetProperty("pValue").GetDouble(), row.GetProperty("car5").GetProperty("pValue").GetDouble(), 12);
        var early = summary.Single(r => r.Str("eventId") == "E01" && r.Str("symbol") == "ERIC");
        Assert.Contains("estimation window", early.Str("missing"));
    }

    [Fact]
    public async Task The_summary_of_one_event_answers_its_rows_with_the_single_studys_reason_when_there_is_no_study()
    {
        var rows = (await _client.GetJsonAsync("/api/event-study/summary?eventId=e01")).EnumerateArray().ToList();
        var refused = await (await _client.GetAsync("/api/event-study?symbol=NOK&eventId=E01")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal([("E01", "ERIC"), ("E01", "NOK")], rows.Select(r => (r.Str("eventId"), r.Str("symbol"))));
        Assert.Equal(refused.Str("detail"), rows[1].Str("missing"));
        Assert.Single((await _client.GetJsonAsync("/api/event-study/summary?eventId=E25&symbols=ERIC")).EnumerateArray());
        var unknown = await (await _client.GetAsync("/api/event-study/summary?eventId=NOPE")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("NOPE", unknown.Str("detail"));
        await (await _client.GetAsync("/api/event-study/summary?eventId=U01")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_summary_downloads_as_csv_with_one_line_per_row()
    {
        var response = await _client.GetAsync("/api/event-study/summary.csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        var rows = (await _client.GetJsonAsync("/api/event-study/summary")).GetArrayLength();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("event_id,label,category,symbol,day0,car_m1_p1", lines[0]);
        Assert.Equal(rows + 1, lines.Length);
    }

    [Fact]
    public async Task The_car_chart_is_a_png_of_the_asked_size_and_downloads_with_a_descriptive_name()
    {
        var response = await _client.GetAsync("/api/event-study/chart.png?symbol=ERIC&eventId=E25&width=800&height=400&download=true");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((800, 400), Png.Size(bytes));
        Assert.Equal("ERIC_E25_car_-5_5.png", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task The_events_page_lists_the_studies_and_keeps_its_parameters_in_links()
    {
        var page = await _client.GetStringAsync("/Events?estimation=100&gap=8&returns=log&sort=p5&dir=asc");

        Assert.Contains("data-testid=\"event-study-table\"", page);
        Assert.Contains("E25 DOJ racketeering", page);
        Assert.Contains("estimation=100", page);
        Assert.Contains("returns=log", page);
    }
}
