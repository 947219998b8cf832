using System.Globalization;
using System.Net;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Charts;

/// <summary>
/// One company's listings side by side in event time, each on its own day 0: Ericsson's ADR on 9 April 2020 and its
/// Stockholm shares on 14 April, around the article. The real files are read in place and imported from memory;
/// expected values come from their raw rows.
/// </summary>
public sealed class SideBySideListingsTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly HttpClient _editor;

    public SideBySideListingsTests()
    {
        _factory = MarketContextFactory.In(_folder);
        _editor = _factory.Authorize(_factory.CreateClient(), "side-by-side-editor");
    }

    public void Dispose()
    {
        _editor.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    private static Dictionary<string, double> AdjCloses(string path)
    {
        var lines = File.ReadAllLines(path);
        var column = Array.IndexOf(lines[0].Split(','), "Adj Close");
        return lines.Skip(1).Select(l => l.Split(',')).Where(c => c[0].StartsWith("2020-04", StringComparison.Ordinal))
            .ToDictionary(c => c[0], c => double.Parse(c[column], CultureInfo.InvariantCulture));
    }

    private Task ImportAsync(string symbol, string path) => RealData.ImportAsync(_editor, symbol, path);

    [Fact]
    public async Task Ericssons_adr_and_stockholm_shares_each_start_on_their_own_day_0()
    {
        await ImportAsync("QQQ", RealData.Prices("QQQ.csv"));
        await ImportAsync("ERIC", RealData.Prices("ERIC.csv"));
        await ImportAsync("ERIC-B.ST", RealData.Markets("ERIC-B.ST.csv"));

        var csv = await _editor.GetStringAsync("/api/chart.csv?view=event-time&eventIds=E31&window=2&company=ericsson");
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("day,ERIC E31,ERIC-B.ST E31", lines[0]);

        // Day 0 = 100 × its close over day −1's: the ADR 9 April over 8 April, the Stockholm shares 14 April over 9 April.
        var (adr, home) = (AdjCloses(RealData.Prices("ERIC.csv")), AdjCloses(RealData.Markets("ERIC-B.ST.csv")));
        var day0 = lines.Single(l => l.StartsWith("0,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(100 * adr["2020-04-09"] / adr["2020-04-08"], double.Parse(day0[1], CultureInfo.InvariantCulture), 4);
        Assert.Equal(100 * home["2020-04-14"] / home["2020-04-09"], double.Parse(day0[2], CultureInfo.InvariantCulture), 4);
        var plus1 = lines.Single(l => l.StartsWith("1,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(100 * home["2020-04-15"] / home["2020-04-09"], double.Parse(plus1[2], CultureInfo.InvariantCulture), 4);
    }

    [Fact]
    public async Task A_company_without_listings_is_named_and_company_with_symbols_is_refused()
    {
        var missing = await _editor.GetAsync("/api/chart.csv?view=event-time&eventIds=E31&company=Nobody");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Nobody", await missing.Content.ReadAsStringAsync());
        var both = await (await _editor.GetAsync("/api/chart.csv?view=event-time&eventIds=E31&company=Ericsson&symbols=ERIC")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(both.Errors(), e => e.Str("field") == "company");
    }
}
