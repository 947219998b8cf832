using MarketContext.TestSupport;
using MarketContext.Web.Features.EventStudy;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.EventStudy;

/// <summary>
/// Studies reuse the join of a stock and its benchmark only while both series are the ones stored: an import of
/// either by another instance is seen by the next study there. Two app instances on one database stand for two
/// processes; a third, started afterwards with nothing held, says what the answer should be.
/// </summary>
public sealed class StudyReturnsTests : IDisposable
{
    private const string Summary = "/api/event-study/summary?symbols=ERIC,NOK&benchmark=QQQ";

    private readonly TempFolder _folder = new();
    private readonly string _database;
    private readonly string _prices;
    private readonly IReadOnlyList<DateOnly> _days = PriceFixtures.RandomWalkDays;

    public StudyReturnsTests()
    {
        _database = _folder.Combine("db", "shared.db");
        _prices = _folder.CreateFolder("prices");
        PriceFixtures.WriteRandomWalks(_prices);
    }

    public void Dispose() => _folder.Dispose();

    private MarketContextFactory Instance(string name) => new(_database, _prices, _folder.Combine("keys-" + name));

    [Fact]
    public async Task Studies_on_unchanged_prices_join_each_stock_and_benchmark_once()
    {
        await using var app = Instance("a");
        using var client = app.CreateClient();

        var first = await client.GetStringAsync(Summary);
        var again = await client.GetStringAsync(Summary);
        (await client.GetAsync("/api/event-study?symbol=ERIC&benchmark=QQQ&eventId=E25")).EnsureSuccessStatusCode();

        Assert.Equal(first, again);
        Assert.Equal(2, app.Services.GetRequiredService<StudyReturns>().JoinsMade);
    }

    [Theory]
    [InlineData("ERIC", 9)]
    [InlineData("QQQ", 170)]
    public async Task An_import_by_another_instance_is_in_the_next_study(string symbol, double start)
    {
        await using var a = Instance("a");
        await using var b = Instance("b");
        using var clientA = a.CreateClient();
        using var clientB = b.Authorize(b.CreateClient());
        var before = await clientA.GetStringAsync(Summary);

        (await clientB.PostAsync($"/api/series/{symbol}/import", Api.Csv(PriceFixtures.RandomWalk(_days, start, seed: 7)))).EnsureSuccessStatusCode();
        var after = await clientA.GetStringAsync(Summary);
        await using var fresh = Instance("c");
        using var clientC = fresh.CreateClient();

        Assert.NotEqual(before, after);
        Assert.Equal(await clientC.GetStringAsync(Summary), after);
    }
}
