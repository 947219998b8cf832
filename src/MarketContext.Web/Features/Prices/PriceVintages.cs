using System.Globalization;
using Dapper;
using MarketContext.Web.Data;

namespace MarketContext.Web.Features.Prices;

/// <summary>One import or refresh of a series: what was read, from where, by whom and when, and what it changed.</summary>
public sealed record PriceVintage(long Id, DateTime ImportedAt, string By, string Producer, string Format, string Source, string Sha256,
    long Inserted, long Revised, long Unchanged);

/// <summary>A moment in the history of the prices: a vintage, or a time (the last vintage recorded by then).</summary>
public sealed record PriceAsOf(long? Vintage, DateTimeOffset? At);

/// <summary>Where a series' data came from: the producer of the vintage that last changed it, and when that was.</summary>
public sealed record SeriesOrigin(string Symbol, string Producer, DateTime ImportedAt)
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["yahoo"] = "Yahoo Finance",
        ["yfinance"] = "Yahoo Finance via yfinance",
        ["pandas-datareader"] = "pandas-datareader",
        ["stooq"] = "Stooq",
        ["stooq-metastock"] = "Stooq",
        ["metastock"] = "MetaStock file",
        ["nasdaq"] = "Nasdaq.com",
        ["investing"] = "Investing.com",
        ["barchart"] = "Barchart",
        ["alphavantage"] = "Alpha Vantage",
        ["ariva"] = "ariva.de",
        ["chart-export"] = "chart export",
        ["akshare"] = "AKShare",
        ["quantmod"] = "quantmod",
        ["generic"] = "CSV file",
    };

    /// <summary>The producer as a reader knows it (<c>yahoo</c> → Yahoo Finance); a name not known here as read.</summary>
    public string ProducerName => Names.GetValueOrDefault(Producer, Producer);
}

/// <summary>
/// Reads of the prices as they were. A vintage id orders every import of every series, so "as of vintage N" is one
/// state of the whole database: each row's values from the last vintage at or before N that wrote them.
/// </summary>
public sealed class PriceVintages(Db db, TimeProvider clock)
{
    /// <summary>The vintage that stands for "now" in reads that take one.</summary>
    public const long Latest = long.MaxValue;

    private const string ListSql = """
        select id, imported_at as ImportedAt, imported_by as By, producer, format, source, sha256, inserted, revised, unchanged
        from price_vintages where symbol = @symbol order by id
        """;

    private const string ExistsSql = "select exists (select 1 from price_vintages where id = @id)";

    private const string LastByTimeSql = "select coalesce(max(id), 0) from price_vintages where imported_at <= @at";

    // The current row while the vintage that wrote it is at or before asOf; else the revision valid at asOf, if any.
    // A day first stored after asOf has neither and is left out.
    private const string AsOfRows = """
        select date, open, high, low, close, adj_close, volume from prices
        where symbol = @symbol and date >= @from and date <= @to and (vintage_id is null or vintage_id <= @asOf)
        union all
        select date, open, high, low, close, adj_close, volume from price_revisions
        where symbol = @symbol and date >= @from and date <= @to and (valid_from is null or valid_from <= @asOf) and valid_to > @asOf
        """;

    private const string PricesSql = $"""
        select date, open, high, low, close, adj_close as AdjClose, volume from ({AsOfRows}) r
        where date > @after
        order by date
        limit @take
        """;

    private const string SeriesSql = $"""
        select date, close, coalesce(adj_close, close) as Value from ({AsOfRows}) r
        order by date
        """;

    private const string OriginsSql = """
        select v.symbol, v.producer, v.imported_at as ImportedAt from price_vintages v
        where v.symbol in @symbols and v.id = (
            select max(w.id) from price_vintages w where w.symbol = v.symbol and w.inserted + w.revised > 0 and w.id <= @asOf)
        """;

    public async Task<IReadOnlyList<PriceVintage>> ListAsync(string symbol, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<PriceVintage>(ListSql, new { symbol = symbol.ToUpperInvariant() })];
    }

    /// <summary>
    /// The vintage a moment stands for (0 for a time before the first one), or the reason it stands for none: a
    /// vintage that does not exist, or a time still to come, would read differently once more is imported.
    /// </summary>
    public async Task<(long Vintage, string? Refusal)> ResolveAsync(PriceAsOf asOf, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        if (asOf.Vintage is { } id)
        {
            return await connection.ExecuteScalarAsync<bool>(ExistsSql, new { id })
                ? (id, null)
                : (0, string.Create(CultureInfo.InvariantCulture, $"asOf: there is no price vintage {id}."));
        }
        var at = asOf.At!.Value;
        if (at > clock.GetUtcNow())
        {
            return (0, $"asOf: {at:yyyy-MM-ddTHH:mm:ssZ} is in the future; the prices as of then are not known yet.");
        }
        return (await connection.ExecuteScalarAsync<long>(LastByTimeSql, new { at = at.UtcDateTime }), null);
    }

    /// <summary>At most <paramref name="take"/> bars as they were at vintage <paramref name="asOf"/>, ascending, all after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<PriceBar>> PricesAsync(string symbol, long asOf, DateOnly from, DateOnly to, DateOnly after, int take,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<PriceBar>(PricesSql, new { symbol = symbol.ToUpperInvariant(), asOf, from, to, after, take })];
    }

    /// <summary>A whole series as it was at vintage <paramref name="asOf"/>, in the columns the charts and studies read.</summary>
    public async Task<CachedSeries> SeriesAsync(string symbol, long asOf)
    {
        await using var connection = await db.OpenAsync();
        var rows = (await connection.QueryAsync<(DateOnly Date, double Close, double Value)>(SeriesSql,
            new { symbol = symbol.ToUpperInvariant(), asOf, from = PriceBar.EarliestDate, to = DateOnly.MaxValue })).AsList();
        return new CachedSeries([.. rows.Select(r => r.Date)], [.. rows.Select(r => r.Close)], [.. rows.Select(r => r.Value)]);
    }

    /// <summary>Several series as they were at vintage <paramref name="asOf"/>, read side by side.</summary>
    public async Task<CachedSeries[]> SeriesAsync(long asOf, IReadOnlyList<string> symbols) =>
        await Task.WhenAll(symbols.Select(symbol => Task.Run(() => SeriesAsync(symbol, asOf))));

    /// <summary>The producer and date of the vintage that last changed each series, as of a vintage; a series stored before vintages were kept has none.</summary>
    public async Task<IReadOnlyList<SeriesOrigin>> OriginsAsync(IReadOnlyCollection<string> symbols, long asOf, CancellationToken cancellationToken = default)
    {
        if (symbols.Count == 0)
        {
            return [];
        }
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<SeriesOrigin>(db.Dialect.WithListParameters(OriginsSql),
            new { symbols = symbols.Select(s => s.ToUpperInvariant()).Distinct().ToArray(), asOf })];
    }
}
