using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.EventStudy;

/// <summary>
/// An event a user's set announces at a moment in a time zone reaches each listing's day 0 in every study, other news
/// is placed on each listing's own sessions, and a listing whose home index is not stored is told what to import.
/// Real files are read in place from <c>MarketContext__MarketsDirectory</c> and <c>MarketContext__PricesDirectory</c>.
/// </summary>
public sealed class EventSetMomentStudyTests : IDisposable
{
    private const string StockholmReason = "15:44 New York, after the 13:00 Stockholm close; 10 and 13 April closed → 14 April";

    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly HttpClient _editor;

    public EventSetMomentStudyTests()
    {
        _factory = MarketContextFactory.In(_folder);
        _editor = _factory.Authorize(_factory.CreateClient(), "moment-study-editor");
    }

    public void Dispose()
    {
        _editor.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    private Task ImportAsync(string symbol, string path) => RealData.ImportAsync(_editor, symbol, path);

    private async Task ImportHomeAndAdrAsync()
    {
        await ImportAsync("QQQ", RealData.Prices("QQQ.csv"));
        await ImportAsync("ERIC", RealData.Prices("ERIC.csv"));
        await ImportAsync("ERIC-B.ST", RealData.Markets("ERIC-B.ST.csv"));
        await ImportAsync("^OMX", RealData.Markets("^OMX.csv"));
    }

    /// <summary>A set of the caller's own, its events imported as CSV (the file's <c>announced</c> and <c>timeZone</c> columns).</summary>
    private async Task<string> SetAsync(string csv)
    {
        var slug = "moments-" + Guid.NewGuid().ToString("N")[..8];
        await (await _editor.PostAsJsonAsync("/api/event-sets", new { slug, title = "Moments" })).JsonAsync(HttpStatusCode.Created);
        await (await _editor.PostAsync($"/api/event-sets/{slug}/import", Api.Csv(csv))).JsonAsync();
        return slug;
    }

    [Fact]
    public async Task An_announcement_in_a_users_set_reaches_each_listings_day_0_in_the_study_event_time_and_across_events()
    {
        await ImportHomeAndAdrAsync();
        // No firstPublic: the announcement's moment alone places day 0.
        var slug = await SetAsync("id,title,category,date,announced,timeZone\nA1,The article,industry,2020-04-09,2020-04-09T15:44,America/New_York\n");

        var adr = await _editor.GetJsonAsync($"/api/event-study?symbol=ERIC&eventId=A1&eventSet={slug}");
        Assert.Equal(("2020-04-09", "15:44 New York, before the 16:00 New York close → 9 April"), (adr.Str("day0"), adr.Str("day0Reason")));
        var home = await _editor.GetJsonAsync($"/api/event-study?symbol=ERIC-B.ST&eventId=A1&eventSet={slug}");
        Assert.Equal(("2020-04-14", StockholmReason), (home.Str("day0"), home.Str("day0Reason")));

        var across = await _editor.GetJsonAsync($"/api/event-study/aggregate?symbols=ERIC,ERIC-B.ST&eventIds=A1&eventSet={slug}");
        var members = across.GetProperty("samples").EnumerateArray().Single(s => s.Str("name") == "pooled")
            .GetProperty("members").EnumerateArray().ToDictionary(m => m.Str("symbol")!);
        Assert.Equal(("2020-04-09", "2020-04-14"), (members["ERIC"].Str("day0"), members["ERIC-B.ST"].Str("day0")));
        Assert.Equal(StockholmReason, members["ERIC-B.ST"].Str("day0Reason"));

        var layout = await _editor.GetJsonAsync($"/api/chart/layout?view=event-time&eventSet={slug}&eventIds=A1&company=Ericsson&window=3");
        var listings = layout.GetProperty("markers")[0].GetProperty("listings").EnumerateArray().ToDictionary(l => l.Str("symbol")!);
        Assert.Equal(("2020-04-14", StockholmReason), (listings["ERIC-B.ST"].Str("day0"), listings["ERIC-B.ST"].Str("day0Reason")));
        // Day 0 of the Stockholm window is 14 April over 9 April, the session before it.
        var csv = (await _editor.GetStringAsync($"/api/chart.csv?view=event-time&eventSet={slug}&eventIds=A1&symbols=ERIC-B.ST&window=1")).Split('\n');
        var rows = File.ReadAllLines(RealData.Markets("ERIC-B.ST.csv")).Select(l => l.Split(',')).Where(c => c[0] is "2020-04-09" or "2020-04-14")
            .ToDictionary(c => c[0], c => double.Parse(c[^1], CultureInfo.InvariantCulture));
        Assert.Equal(100 * rows["2020-04-14"] / rows["2020-04-09"],
            double.Parse(csv.Single(l => l.StartsWith("0,", StringComparison.Ordinal)).Split(',')[1], CultureInfo.InvariantCulture), 4);
    }

    [Fact]
    public async Task Other_news_after_the_stockholm_close_falls_on_the_next_stockholm_session_not_the_new_york_day()
    {
        await ImportHomeAndAdrAsync();
        // S1 is studied (day 0 Thursday 2 April in Stockholm); N1 comes out at 14:00 New York on Thursday 9 April, after
        // Stockholm's 13:00 Maundy Thursday close: New York prices it on the 9th (day +5 in Stockholm), Stockholm on the 14th (+6).
        var slug = await SetAsync("""
            id,title,category,companies,date,announced,timeZone
            S1,Studied,industry,,2020-04-02,2020-04-02T08:00,Europe/Stockholm
            N1,Other news,industry,ERIC-B.ST,2020-04-09,2020-04-09T14:00,America/New_York
            """ + "\n");

        var home = await _editor.GetJsonAsync($"/api/event-study?symbol=ERIC-B.ST&eventId=S1&eventSet={slug}&pre=5&post=5");
        Assert.Equal("2020-04-02", home.Str("day0"));
        Assert.Equal("2020-04-09", home.GetProperty("rows").EnumerateArray().Last().Str("date"));
        Assert.Empty(home.GetProperty("confounders").EnumerateArray());
        var wider = await _editor.GetJsonAsync($"/api/event-study?symbol=ERIC-B.ST&eventId=S1&eventSet={slug}&pre=5&post=6");
        var news = Assert.Single(wider.GetProperty("confounders").EnumerateArray());
        Assert.Equal(("N1", "2020-04-14", "company-specific"), (news.Str("id"), news.Str("date"), news.Str("kind")));

        // Across events, the company shock is in the Stockholm member's window only from day +6 on.
        var across = await _editor.GetJsonAsync($"/api/event-study/aggregate?symbols=ERIC-B.ST&eventIds=S1&eventSet={slug}&pre=5&post=5");
        var member = across.GetProperty("samples")[0].GetProperty("members")[0];
        Assert.DoesNotContain(member.GetProperty("flags").EnumerateArray(), f => f.Str("eventId") == "N1");
        var acrossWider = await _editor.GetJsonAsync($"/api/event-study/aggregate?symbols=ERIC-B.ST&eventIds=S1&eventSet={slug}&pre=5&post=6");
        var flag = Assert.Single(acrossWider.GetProperty("samples")[0].GetProperty("members")[0].GetProperty("flags").EnumerateArray(), f => f.Str("eventId") == "N1");
        Assert.Equal(("shock-in-window", "2020-04-14"), (flag.Str("kind"), flag.Str("date")));
    }

    [Fact]
    public async Task A_home_listing_whose_default_benchmark_is_not_stored_is_told_to_import_it()
    {
        await ImportAsync("QQQ", RealData.Prices("QQQ.csv"));
        await ImportAsync("ERIC-B.ST", RealData.Markets("ERIC-B.ST.csv"));

        var single = await (await _editor.GetAsync("/api/event-study?symbol=ERIC-B.ST&eventId=E31")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(single.Errors());
        Assert.Equal("benchmark", error.Str("field"));
        Assert.Contains("^OMX, the default benchmark of its exchange XSTO", error.Str("message"));
        Assert.Contains("import ^OMX", error.Str("message"));

        var across = await (await _editor.GetAsync("/api/event-study/aggregate?symbols=ERIC-B.ST&eventIds=E31")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(across.Errors(), e => e.Str("field") == "benchmark" && e.Str("message")!.Contains("import ^OMX", StringComparison.Ordinal));

        var summary = await _editor.GetJsonAsync("/api/event-study/summary?symbols=ERIC-B.ST");
        Assert.All(summary.EnumerateArray(), row => Assert.Contains("import ^OMX", row.Str("missing")));
    }
}
