using System.Globalization;
using System.Net;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.EventStudy;

/// <summary>
/// Ericsson's Stockholm listing studied on the Stockholm calendar against the OMX Stockholm 30, and its ADR beside it,
/// on the real files read in place from <c>MarketContext__MarketsDirectory</c> and <c>MarketContext__PricesDirectory</c>
/// (imported from memory, never copied). Every expected value is computed here from the raw CSV rows.
/// </summary>
public sealed class HomeListingStudyTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly HttpClient _editor;

    public HomeListingStudyTests()
    {
        _factory = MarketContextFactory.In(_folder);
        _editor = _factory.Authorize(_factory.CreateClient(), "home-listing-editor");
    }

    public void Dispose()
    {
        _editor.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    private static string Markets(string name) => RealData.Markets(name);

    private static string Prices(string name) => RealData.Prices(name);

    /// <summary>Each dated row's adjusted close, by the header's own column name, read here on its own.</summary>
    private static SortedDictionary<DateOnly, double> AdjCloses(string path)
    {
        var lines = File.ReadAllLines(path);
        var column = Array.IndexOf(lines[0].Split(','), "Adj Close");
        var rows = new SortedDictionary<DateOnly, double>();
        foreach (var cells in lines.Skip(1).Select(l => l.Split(',')))
        {
            if (DateOnly.TryParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                && double.TryParse(cells[column], CultureInfo.InvariantCulture, out var value))
            {
                rows[day] = value;
            }
        }
        return rows;
    }

    private static DateOnly D(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task ImportAsync(string symbol, string path) => RealData.ImportAsync(_editor, symbol, path);

    private async Task ImportHomeAndAdrAsync()
    {
        await ImportAsync("QQQ", Prices("QQQ.csv"));
        await ImportAsync("ERIC", Prices("ERIC.csv"));
        await ImportAsync("ERIC-B.ST", Markets("ERIC-B.ST.csv"));
        await ImportAsync("^OMX", Markets("^OMX.csv"));
    }

    [Fact]
    public async Task Ericsson_b_against_the_omx_on_the_stockholm_calendar_from_the_articles_minute()
    {
        await ImportHomeAndAdrAsync();
        var study = await _editor.GetJsonAsync("/api/event-study?symbol=ERIC-B.ST&eventId=E31&pre=5&post=5&estimation=120&gap=10");

        Assert.Equal("^OMX", study.Str("benchmark"));
        Assert.Equal("XSTO", study.Str("calendar"));
        Assert.Equal("2020-04-14", study.Str("day0"));
        Assert.Equal("15:44 New York, after the 13:00 Stockholm close; 10 and 13 April closed → 14 April", study.Str("day0Reason"));
        Assert.Empty(study.GetProperty("missingSessions").EnumerateArray());

        // The Stockholm sessions around Easter 2020, by hand: Good Friday 10 April and Easter Monday 13 April are shut.
        string[] window = ["2020-04-03", "2020-04-06", "2020-04-07", "2020-04-08", "2020-04-09", "2020-04-14",
            "2020-04-15", "2020-04-16", "2020-04-17", "2020-04-20", "2020-04-21"];
        var rows = study.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(window, rows.Select(r => r.Str("date")));
        var (stock, market) = (AdjCloses(Markets("ERIC-B.ST.csv")), AdjCloses(Markets("^OMX.csv")));
        double Return(SortedDictionary<DateOnly, double> rowsOf, DateOnly day) => rowsOf[day] / rowsOf.Last(kv => kv.Key < day).Value - 1;
        foreach (var row in rows)
        {
            Assert.Equal(Return(stock, D(row.Str("date")!)), row.GetProperty("return").GetDouble(), 12);
            Assert.Equal(Return(market, D(row.Str("date")!)), row.GetProperty("benchmarkReturn").GetDouble(), 12);
        }

        // The market model over the 120 joined days ending 11 days before day 0: β = Sxy / Sxx, α = ȳ − β·x̄.
        var days = stock.Keys.Where(market.ContainsKey).ToList();
        var zero = days.IndexOf(D("2020-04-14"));
        var estimation = days.Skip(zero - 130).Take(120).ToList();
        var (x, y) = (estimation.Select(d => Return(market, d)).ToArray(), estimation.Select(d => Return(stock, d)).ToArray());
        var (mx, my) = (x.Average(), y.Average());
        var beta = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
        Assert.Equal(beta, study.GetProperty("beta").GetDouble(), 10);
        Assert.Equal(my - beta * mx, study.GetProperty("alpha").GetDouble(), 12);
    }

    [Fact]
    public async Task Sessions_without_a_row_are_reported_and_a_day_0_without_one_is_refused()
    {
        await ImportHomeAndAdrAsync();
        // SOURCES.md: the ERIC-B.ST file lacks the sessions of 2020-07-20 and 2020-09-18.
        var study = await _editor.GetJsonAsync("/api/event-study?symbol=ERIC-B.ST&date=2020-10-15&estimation=120&gap=10");
        Assert.Equal(["2020-07-20", "2020-09-18"], study.GetProperty("missingSessions").EnumerateArray().Select(d => d.GetString()));

        var refused = await _editor.GetJsonAsync("/api/event-study?symbol=ERIC-B.ST&date=2020-07-18", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("no row on 2020-07-20", refused.Str("detail"));
    }

    [Fact]
    public async Task The_adr_against_the_omx_takes_the_dollar_krona_rate_as_a_second_factor()
    {
        await ImportHomeAndAdrAsync();
        await ImportAsync("USDSEK=X", Markets("USDSEK=X.csv"));
        var study = await _editor.GetJsonAsync("/api/event-study?symbol=ERIC&benchmark=%5EOMX&eventId=E31&fxFactor=true");

        Assert.Equal("USDSEK=X", study.Str("fx"));
        Assert.Equal(JsonValueKind.Number, study.GetProperty("gamma").ValueKind);
        var day0 = study.GetProperty("rows")[5];
        Assert.Equal("2020-04-09", day0.Str("date"));
        var fx = AdjCloses(Markets("USDSEK=X.csv"));
        Assert.Equal(fx[D("2020-04-09")] / fx[D("2020-04-08")] - 1, day0.GetProperty("fxReturn").GetDouble(), 12);

        var same = await _editor.GetJsonAsync("/api/event-study?symbol=ERIC-B.ST&eventId=E31&fxFactor=true", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("both priced in SEK", same.Str("detail"));
    }

    [Fact]
    public async Task The_adr_and_the_home_listing_pool_each_on_its_own_day_0_and_benchmark()
    {
        await ImportHomeAndAdrAsync();
        var answer = await _editor.GetJsonAsync("/api/event-study/aggregate?symbols=ERIC,ERIC-B.ST&eventIds=E31");

        var benchmarks = answer.GetProperty("benchmarks");
        Assert.Equal(("QQQ", "^OMX"), (benchmarks.Str("ERIC"), benchmarks.Str("ERIC-B.ST")));
        var pooled = answer.GetProperty("samples").EnumerateArray().Single(s => s.Str("name") == "pooled");
        var members = pooled.GetProperty("members").EnumerateArray().ToDictionary(m => m.Str("symbol")!, m => m);
        Assert.Equal(2, pooled.GetProperty("n").GetInt32());
        Assert.Equal("2020-04-09", members["ERIC"].Str("day0"));
        Assert.Equal("2020-04-14", members["ERIC-B.ST"].Str("day0"));
        Assert.StartsWith("15:44 New York, before the 16:00 New York close", members["ERIC"].Str("day0Reason"));
        Assert.Equal(JsonValueKind.Number, pooled.GetProperty("meanCorrelation").ValueKind);
    }
}
