using Dapper;
using MarketContext.Web.Data;

namespace MarketContext.Web.Features.Prices;

public sealed record SeriesSummary
{
    public required string Symbol { get; init; }
    public required string Name { get; init; }
    public required string Currency { get; init; }
    public required string Role { get; init; }
    public DateOnly? FirstDate { get; init; }
    public DateOnly? LastDate { get; init; }
    public int Count { get; init; }
}

public sealed class PriceQueries(Db db)
{
    private const string SeriesSql = """
        select i.symbol, i.name, i.currency, i.role, min(p.date) as FirstDate, max(p.date) as LastDate, count(p.date) as Count
        from instruments i left join prices p on p.symbol = i.symbol
        group by i.symbol, i.name, i.currency, i.role
        order by case i.role when 'vendor' then 0 when 'benchmark' then 1 else 2 end, i.symbol
        """;

    private const string SymbolsSql = "select symbol from instruments";

    private const string InstrumentsSql = "select symbol, name, currency, role from instruments order by symbol";

    private const string PricesSql = """
        select date, open, high, low, close, adj_close as AdjClose, volume
        from prices
        where symbol = @symbol and date >= @from and date <= @to
        order by date
        """;

    public async Task<IReadOnlyList<SeriesSummary>> SeriesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<SeriesSummary>(SeriesSql)];
    }

    public async Task<IReadOnlyList<Instrument>> InstrumentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<Instrument>(InstrumentsSql)];
    }

    public async Task<IReadOnlySet<string>> SymbolsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(SymbolsSql)).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<PriceBar>> PricesAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<PriceBar>(PricesSql, new { symbol = symbol.ToUpperInvariant(), from, to })];
    }
}
