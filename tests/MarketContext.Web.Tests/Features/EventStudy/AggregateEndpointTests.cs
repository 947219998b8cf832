using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.EventStudy;

/// <summary>One app over 18 months of seeded random-walk prices (2019-01-02 … mid-2020), shared by the aggregate tests.</summary>
public sealed class AggregateAppFixture : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;

    public AggregateAppFixture()
    {
        _factory = MarketContextFactory.In(_folder);
        PriceFixtures.WriteRandomWalks(_factory.PricesDirectory);
        Client = _factory.CreateClient();
    }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

}

public sealed class AggregateEndpointTests(AggregateAppFixture app) : IClassFixture<AggregateAppFixture>
{
    private const string Events = "E22,E23,E25,E27,E28,E29";
    private readonly HttpClient _client = app.Client;

    private static JsonElement Sample(JsonElement study, string name) => study.GetProperty("samples").EnumerateArray().Single(s => s.Str("name") == name);

    [Fact]
    public async Task Answers_one_sample_per_symbol_and_a_pooled_one_with_every_daily_and_window_test()
    {
        var study = await _client.GetJsonAsync($"/api/event-study/aggregate?symbols=ERIC,NOK&eventIds={Events}&benchmark=QQQ&pre=5&post=5&estimation=120&gap=10&returns=simple");

        Assert.Equal("QQQ", study.Str("benchmark"));
        Assert.Equal((5, 5, 120, 10, "simple"), (study.GetProperty("pre").GetInt32(), study.GetProperty("post").GetInt32(),
            study.GetProperty("estimation").GetInt32(), study.GetProperty("gap").GetInt32(), study.Str("returns")));
        Assert.Equal(["ERIC", "NOK", "pooled"], study.GetProperty("samples").EnumerateArray().Select(s => s.Str("name")));
        var pooled = Sample(study, "pooled");
        Assert.Equal(12, pooled.GetProperty("n").GetInt32());
        Assert.Equal(6, Sample(study, "ERIC").GetProperty("members").GetArrayLength());
        var days = pooled.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(-5, 11), days.Select(d => d.GetProperty("day").GetInt32()));
        string[] daily = ["brownWarner1980", "brownWarner1985", "tTest", "patell", "bmp", "bmpKolariPynnonen", "sign", "generalizedSign",
            "corradoSign", "corradoRank", "modifiedRank", "wilcoxon"];
        foreach (var day in days)
        {
            var tests = day.GetProperty("tests");
            Assert.Equal(daily, tests.EnumerateObject().Select(t => t.Name));
            Assert.All(tests.EnumerateObject(), t => Assert.InRange(t.Value.GetProperty("pValue").GetDouble(), 0, 1));
        }
        Assert.Equal(["tTest", "patell", "bmp", "bmpKolariPynnonen", "brownWarner1985", "cowanRank"],
            pooled.GetProperty("carTests").EnumerateObject().Select(t => t.Name));
        // Both vendors share every day 0, so the pooled sample is read by the correlation-adjusted BMP.
        Assert.Equal("bmpKolariPynnonen", pooled.Str("readBmpBy"));
        Assert.Equal("bmp", Sample(study, "ERIC").Str("readBmpBy"));
    }

    [Fact]
    public async Task Daily_statistics_match_a_recomputation_from_the_single_studies_of_the_members()
    {
        var study = await _client.GetJsonAsync($"/api/event-study/aggregate?symbols=ERIC&eventIds={Events}");
        var eric = Sample(study, "ERIC");
        var singles = new List<JsonElement>();
        foreach (var member in eric.GetProperty("members").EnumerateArray())
        {
            var single = await _client.GetJsonAsync($"/api/event-study?symbol=ERIC&eventId={member.Str("eventId")}");
            Assert.Equal(single.Str("day0"), member.Str("day0"));
            Assert.Equal(single.GetProperty("car").GetDouble(), member.GetProperty("car").GetDouble(), 12);
            singles.Add(single);
        }

        foreach (var day in eric.GetProperty("days").EnumerateArray())
        {
            var d = day.GetProperty("day").GetInt32();
            var abnormal = singles.Select(s => s.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("day").GetInt32() == d).GetProperty("abnormal").GetDouble()).ToList();
            var mean = abnormal.Average();
            var sd = Math.Sqrt(abnormal.Sum(a => (a - mean) * (a - mean)) / (abnormal.Count - 1));
            Assert.Equal(mean, day.GetProperty("aar").GetDouble(), 12);
            Assert.Equal(mean / (sd / Math.Sqrt(abnormal.Count)), day.GetProperty("tests").GetProperty("tTest").GetProperty("statistic").GetDouble(), 9);
            Assert.Equal((abnormal.Count(a => a > 0) - abnormal.Count / 2.0) / Math.Sqrt(abnormal.Count / 4.0),
                day.GetProperty("tests").GetProperty("sign").GetProperty("statistic").GetDouble(), 12);
        }
    }

    [Fact]
    public async Task Members_without_enough_history_are_left_out_and_listed_or_refuse_the_request_when_strict()
    {
        // E01 (2019-01-11) comes before 131 trading days of history; E25 has them.
        var study = await _client.GetJsonAsync("/api/event-study/aggregate?symbols=ERIC&eventIds=E01,E25,E27");
        var eric = Sample(study, "ERIC");
        Assert.Equal(2, eric.GetProperty("n").GetInt32());
        var leftOut = Assert.Single(eric.GetProperty("leftOut").EnumerateArray());
        Assert.Equal("E01", leftOut.Str("eventId"));
        Assert.Contains("estimation window", leftOut.Str("reason"));

        var refused = await (await _client.GetAsync("/api/event-study/aggregate?symbols=ERIC&eventIds=E01,E25,E27&strict=true"))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("ERIC E01", refused.Str("detail"));
    }

    [Fact]
    public async Task A_sample_of_one_member_says_why_it_has_no_cross_sectional_tests()
    {
        var eric = Sample(await _client.GetJsonAsync("/api/event-study/aggregate?symbols=ERIC&eventIds=E25"), "ERIC");

        Assert.Equal(1, eric.GetProperty("n").GetInt32());
        Assert.Contains("at least 2 members", eric.Str("note"));
        var tests = eric.GetProperty("days")[5].GetProperty("tests");
        Assert.False(tests.TryGetProperty("tTest", out _));
        Assert.False(tests.TryGetProperty("bmp", out _));
        Assert.True(tests.TryGetProperty("patell", out _));
        Assert.False(eric.GetProperty("carTests").TryGetProperty("tTest", out _));
    }

    [Fact]
    public async Task A_category_selects_its_dated_events_and_members_are_flagged_for_overlaps()
    {
        var study = await _client.GetJsonAsync("/api/event-study/aggregate?symbols=ERIC,NOK&category=us-pressure");
        var pooled = Sample(study, "pooled");
        var ids = pooled.GetProperty("members").EnumerateArray().Select(m => m.Str("eventId")).Concat(
            pooled.GetProperty("leftOut").EnumerateArray().Select(m => m.Str("eventId"))).Distinct().ToList();
        var events = await _client.GetJsonAsync("/api/events?category=us-pressure");
        Assert.Equal(events.EnumerateArray().Where(e => !e.IsNull("date")).Select(e => e.Str("id")).Order(), ids.Order());

        // E22 (2020-01-28) and E23 (2020-01-29) have overlapping windows.
        var withOverlaps = await _client.GetJsonAsync("/api/event-study/aggregate?symbols=ERIC&eventIds=E22,E23");
        var e22 = Sample(withOverlaps, "ERIC").GetProperty("members").EnumerateArray().Single(m => m.Str("eventId") == "E22");
        Assert.Contains(e22.GetProperty("flags").EnumerateArray(), f => f.Str("kind") == "window-overlap" && f.Str("eventId") == "E23");
        // Ericsson's 2019-12-06 settlement (E16) lies inside E22's estimation window.
        Assert.Contains(e22.GetProperty("flags").EnumerateArray(), f => f.Str("kind") == "shock-in-estimation" && f.Str("eventId") == "E16");
    }

    [Theory]
    [InlineData("eventIds=E25,NOPE", "NOPE")]
    [InlineData("category=weather", "weather")]
    [InlineData("symbols=ERIC,ZZZZ&eventIds=E25", "ZZZZ")]
    public async Task Unknown_events_categories_and_symbols_are_404_naming_them(string query, string named)
    {
        var problem = await (await _client.GetAsync("/api/event-study/aggregate?" + query)).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains(named, problem.Str("detail"));
    }

    [Theory]
    [InlineData("pre=31", "from 0 to 30")]
    [InlineData("post=-1", "from 0 to 30")]
    [InlineData("estimation=10", "from 30 to 500")]
    [InlineData("pre=8&gap=5", "must not exceed gap")]
    [InlineData("eventIds=E25&category=legal", "at most one of")]
    [InlineData("dates=2020-02-30", "not a date")]
    [InlineData("symbols=A,B,C,D,E,F,G,H,I", "At most 8 symbols")]
    public async Task Out_of_range_windows_and_malformed_lists_are_400_saying_what_is_allowed(string query, string message)
    {
        var problem = await (await _client.GetAsync("/api/event-study/aggregate?" + query)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(problem.Errors(), e => e.Str("message")!.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dates_make_members_without_event_ids()
    {
        var study = await _client.GetJsonAsync("/api/event-study/aggregate?symbols=NOK&dates=2020-02-13,2020-03-11");
        var members = Sample(study, "NOK").GetProperty("members").EnumerateArray().ToList();

        Assert.Equal(["2020-02-13", "2020-03-11"], members.Select(m => m.Str("date")));
        Assert.All(members, m => Assert.True(m.IsNull("eventId")));
    }

    [Fact]
    public async Task Csv_downloads_the_tests_and_the_members()
    {
        using var tests = await _client.GetAsync($"/api/event-study/aggregate.csv?symbols=ERIC,NOK&eventIds={Events}");
        Assert.Equal("text/csv", tests.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ERIC-NOK_", tests.Content.Headers.ContentDisposition?.FileName);
        var lines = (await tests.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sample,n,day,aar,caar,test,statistic,p_value", lines[0]);
        Assert.Equal(3 * (11 * 12 + 6), lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith("pooled,12,'-5..5,,", StringComparison.Ordinal) && l.Contains(",cowanRank,", StringComparison.Ordinal));

        var members = await _client.GetStringAsync($"/api/event-study/aggregate.csv?symbols=ERIC,NOK&eventIds={Events}&part=members");
        Assert.StartsWith("sample,symbol,event_id,date,day0,car,flags\n", members, StringComparison.Ordinal);
        Assert.Contains("\npooled,NOK,E25,2020-02-13,2020-02-13,", members, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("symbols=ZZZZ", HttpStatusCode.NotFound)]
    [InlineData("symbols=A,B,C,D,E,F,G,H,I", HttpStatusCode.BadRequest)]
    [InlineData("symbols=%3Cscript%3E", HttpStatusCode.BadRequest)]
    public async Task The_summary_validates_its_symbols_too(string query, HttpStatusCode expected)
    {
        await (await _client.GetAsync("/api/event-study/summary?" + query)).ProblemAsync(expected);
        await (await _client.GetAsync("/api/event-study/summary.csv?" + query)).ProblemAsync(expected);
    }

    [Fact]
    public async Task A_long_list_of_repeated_symbols_is_refused_not_answered_at_length()
    {
        var query = "symbols=" + string.Join(',', Enumerable.Range(0, 1000).Select(i => $"S{i}"));

        await (await _client.GetAsync("/api/event-study/summary?" + query)).ProblemAsync(HttpStatusCode.BadRequest);
        var known = await _client.GetJsonAsync("/api/event-study/summary?symbols=NOK,QQQ");
        Assert.Equal(["NOK", "QQQ"], known.EnumerateArray().Select(r => r.Str("symbol")).Distinct());
    }
}
