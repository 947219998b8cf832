using Dapper;
using MarketContext.Web.Data;

namespace MarketContext.Web.Features.Prices;

public sealed record SeriesSummary
{
    public required string Symbol { get; init; }
    public required string Name { get; init; }
    /// <summary>ISO 4217; null when nothing says what it is (see <see cref="CurrencySource"/>).</summary>
    public string? Currency { get; init; }

    /// <summary>Where the currency came from: known, symbol, pair, assumed, editor, unknown.</summary>
    public string? CurrencySource { get; init; }

    /// <summary>The exchange's ISO 10383 MIC; null for a series on no exchange (an FX rate).</summary>
    public string? Exchange { get; init; }

    /// <summary>The company the listing belongs to, so that two listings of one company are known as such.</summary>
    public string? Company { get; init; }
    public required SeriesRole Role { get; init; }
    public DateOnly? FirstDate { get; init; }
    public DateOnly? LastDate { get; init; }
    public int Count { get; init; }
}

/// <summary>
/// Reads of the stored series. Lists and look-ups answer from the per-instrument figures the importer keeps, one
/// row per instrument; only a price listing reads prices, one bounded page at a time.
/// </summary>
public sealed class PriceQueries(Db db)
{
    private const string SeriesColumns = """
        select i.symbol, i.name, i.currency, i.currency_source as CurrencySource, i.exchange, i.company, i.role, f.first_date as FirstDate, f.last_date as LastDate, coalesce(f.row_count, 0) as Count
        from instruments i left join instrument_figures f on f.symbol = i.symbol
        """;

    private const string OneSeriesSql = SeriesColumns + """

        where i.symbol = @symbol
        """;

    private const string SymbolsSql = "select symbol from instruments";

    private const string InstrumentsSql = "select symbol, name, currency from instruments where symbol in @symbols order by symbol";

    private const string PricesSql = """
        select date, open, high, low, close, adj_close as AdjClose, volume
        from prices
        where symbol = @symbol and date >= @from and date <= @to and date > @after
        order by date
        limit @take
        """;

    /// <summary>Every series: the vendors first, then the benchmark, then the others, each by symbol.</summary>
    public async Task<IReadOnlyList<SeriesSummary>> SeriesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<SeriesSummary>(SeriesColumns)).OrderBy(s => s.Role).ThenBy(s => s.Symbol, StringComparer.Ordinal)];
    }

    /// <summary>One series' figures, or null when there is no such instrument.</summary>
    public async Task<SeriesSummary?> SeriesAsync(string symbol, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SeriesSummary>(OneSeriesSql, new { symbol = symbol.ToUpperInvariant() });
    }

    /// <summary>The instruments of these symbols that exist, by symbol.</summary>
    public async Task<IReadOnlyList<Instrument>> InstrumentsAsync(IReadOnlyCollection<string> symbols, CancellationToken cancellationToken = default)
    {
        if (symbols.Count == 0)
        {
            return [];
        }
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<Instrument>(db.Dialect.WithListParameters(InstrumentsSql), new { symbols = symbols.Select(s => s.ToUpperInvariant()).Distinct().ToArray() })];
    }

    public async Task<IReadOnlySet<string>> SymbolsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(SymbolsSql)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>At most <paramref name="take"/> bars from <paramref name="from"/> to <paramref name="to"/>, ascending, all after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<PriceBar>> PricesAsync(string symbol, DateOnly from, DateOnly to, DateOnly after, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<PriceBar>(PricesSql, new { symbol = symbol.ToUpperInvariant(), from, to, after, take })];
    }
}
