using System.Net;
using MarketContext.TestSupport;
using MarketContext.Web.Features.Prices;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>
/// What a chart or a study costs depends on the series it shows, not on the series stored: only those are read,
/// an import elsewhere of one symbol makes only that one stale, and the held series stay within the memory budget.
/// Two app instances on one database stand for two processes (each has its own cache).
/// </summary>
public sealed class SeriesCacheTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _database;
    private readonly string _prices;

    public SeriesCacheTests()
    {
        _database = _folder.Combine("db", "shared.db");
        _prices = _folder.CreateFolder("prices");
        PriceFixtures.WriteStandardSeries(_prices);
        for (var i = 1; i <= 4; i++)
        {
            File.WriteAllText(Path.Combine(_prices, $"OTH{i}.csv"), PriceFixtures.Yahoo(50 + i, 0.5));
        }
    }

    public void Dispose() => _folder.Dispose();

    private MarketContextFactory Instance(string name, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(_database, _prices, _folder.Combine("keys-" + name), settings);

    private static PriceSeriesCache CacheOf(MarketContextFactory instance) => instance.Services.GetRequiredService<PriceSeriesCache>();

    private static int _views;

    /// <summary>Each call asks a view of its own width, so the render cache cannot answer it without the series.</summary>
    private static async Task ChartAsync(HttpClient client, string symbols) =>
        (await client.GetAsync($"/api/chart.png?symbols={symbols}&from=2020-03-01&to=2020-04-30&width={400 + Interlocked.Increment(ref _views)}"))
            .EnsureSuccessStatusCode();

    [Fact]
    public async Task A_chart_of_one_symbol_reads_that_series_and_no_other()
    {
        await using var app = Instance("a");
        using var client = app.CreateClient();

        await ChartAsync(client, "ERIC");
        await ChartAsync(client, "ERIC");

        var cache = CacheOf(app);
        Assert.Equal(1, cache.LoadsOf("ERIC"));
        Assert.Equal(["ERIC"], cache.Loads.Keys);
        Assert.Equal(["ERIC"], cache.Held);
    }

    [Fact]
    public async Task An_event_study_reads_its_symbol_and_benchmark_only()
    {
        await using var app = Instance("a");
        using var client = app.CreateClient();

        // Six weeks of fixture prices are too few for a market model: refused, but only after reading what it needs.
        var response = await client.GetAsync("/api/event-study?symbol=NOK&benchmark=QQQ&date=2020-04-01");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        await client.GetAsync("/api/event-study/summary?symbols=NOK&benchmark=QQQ");

        Assert.Equal(["NOK", "QQQ"], CacheOf(app).Loads.Keys.Order());
    }

    [Fact]
    public async Task An_import_of_one_symbol_by_another_instance_makes_only_that_series_stale()
    {
        await using var a = Instance("a");
        await using var b = Instance("b");
        using var clientA = a.CreateClient();
        using var clientB = b.Authorize(b.CreateClient());
        await ChartAsync(clientA, "ERIC,NOK");
        var ericTag = (await clientA.GetAsync("/api/chart.png?symbols=ERIC")).Headers.ETag!.Tag;

        (await clientB.PostAsync("/api/series/NOK/import", Api.Csv(PriceFixtures.Yahoo(40, 1)))).EnsureSuccessStatusCode();
        var csv = await clientA.GetStringAsync("/api/chart.csv?symbols=ERIC,NOK&from=2020-03-02&to=2020-03-02&mode=price");
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/api/chart.png?symbols=ERIC");
        revalidate.Headers.TryAddWithoutValidation("If-None-Match", ericTag);
        var ericAgain = await clientA.SendAsync(revalidate);

        var cache = CacheOf(a);
        Assert.Equal(1, cache.LoadsOf("ERIC"));
        Assert.Equal(2, cache.LoadsOf("NOK"));
        Assert.Equal("2020-03-02,8,40", csv.Split('\n')[1]);
        Assert.Equal(HttpStatusCode.NotModified, ericAgain.StatusCode);
    }

    [Fact]
    public async Task The_budget_evicts_the_least_recently_used_series()
    {
        // Room for two fixture series of 30 days, not three.
        var oneSeries = new CachedSeries(new DateOnly[PriceFixtures.Rows], new double[PriceFixtures.Rows], new double[PriceFixtures.Rows]).Bytes;
        await using var app = Instance("a", new Dictionary<string, string?> { ["MarketContext:SeriesCacheBytes"] = (oneSeries * 5 / 2).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var client = app.CreateClient();
        var cache = CacheOf(app);

        await ChartAsync(client, "OTH1");
        await ChartAsync(client, "OTH2");
        await ChartAsync(client, "OTH1");
        await ChartAsync(client, "OTH3");

        Assert.Equal(1, cache.Evictions);
        Assert.Equal(["OTH1", "OTH3"], cache.Held.Order());
        Assert.True(cache.BytesHeld <= cache.BudgetBytes, $"{cache.BytesHeld} bytes held over a budget of {cache.BudgetBytes}");
        await ChartAsync(client, "OTH2");
        Assert.Equal(2, cache.LoadsOf("OTH2"));
        Assert.Equal(1, cache.LoadsOf("OTH1"));
    }
}
