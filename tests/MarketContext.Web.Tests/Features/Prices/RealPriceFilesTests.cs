using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>
/// The real Yahoo downloads, read in place from the folder the test script names in
/// <c>MarketContext__PricesDirectory</c>; they are never copied into the repository.
/// </summary>
public sealed class RealPriceFilesTests : IDisposable
{
    private const string Variable = "MarketContext__PricesDirectory";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string RealFolder()
    {
        var folder = Environment.GetEnvironmentVariable(Variable);
        Assert.False(string.IsNullOrWhiteSpace(folder),
            $"Set {Variable} to the folder holding the real ERIC.csv, NOK.csv and QQQ.csv (scripts/test.sh sets it).");
        Assert.True(File.Exists(Path.Combine(folder, "ERIC.csv")), $"{Variable}={folder} has no ERIC.csv.");
        return folder;
    }

    /// <summary>Data rows counted straight from the file: non-blank lines after the header.</summary>
    private static int DataRows(string path) => File.ReadLines(path).Skip(1).Count(l => l.Trim().Length > 0);

    [Fact]
    public async Task Real_files_load_whole_with_the_1981_quirks_stored_as_empty()
    {
        var folder = RealFolder();
        var expectedRows = DataRows(Path.Combine(folder, "ERIC.csv"));
        using var factory = new MarketContextFactory(_folder.Combine("db", "real.db"), folder, _folder.Combine("keys"));
        using var client = factory.CreateClient();

        var series = (await client.GetJsonAsync("/api/series")).EnumerateArray().ToDictionary(s => s.Str("symbol")!);

        Assert.Contains("NOK", series.Keys);
        Assert.Contains("QQQ", series.Keys);
        var eric = series["ERIC"];
        Assert.Equal("1981-08-24", eric.Str("firstDate"));
        Assert.Equal("2020-12-11", eric.Str("lastDate"));
        // Every row of the file has a usable close and its own date, so every row is stored.
        Assert.Equal(expectedRows, eric.GetProperty("count").GetInt32());
        Assert.InRange(expectedRows, 9_900, 9_920);
        Assert.Equal("2020-12-11", series["NOK"].Str("lastDate"));
        Assert.Equal("1999-03-10", series["QQQ"].Str("firstDate"));

        var first = Assert.Single((await client.GetJsonAsync("/api/series/ERIC/prices?from=1981-08-24&to=1981-08-24")).EnumerateArray());
        Assert.True(first.IsNull("open"));
        Assert.True(first.IsNull("adjClose"));
        Assert.Equal(0.78125, first.GetProperty("close").GetDouble());
        Assert.Equal(0.8125, first.GetProperty("high").GetDouble());
        Assert.Equal(48000, first.GetProperty("volume").GetInt64());

        var last = Assert.Single((await client.GetJsonAsync("/api/series/ERIC/prices?from=2020-12-11")).EnumerateArray());
        Assert.Equal(11.66, last.GetProperty("close").GetDouble());
        Assert.Equal(11.66, last.GetProperty("adjClose").GetDouble());
        Assert.Equal(11.81, last.GetProperty("open").GetDouble());
    }
}
