using System.Collections.Concurrent;
using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Features.EventStudy;

namespace MarketContext.Web.Features.Prices;

/// <summary>A whole series in columns: the dates, the quoted closes, and the adjusted closes (the close where none).</summary>
public sealed record CachedSeries(DateOnly[] Dates, double[] Closes, double[] Values)
{
    public PricePoint[] Points { get; } = [.. Dates.Select((d, i) => new PricePoint(d, Values[i]))];

    /// <summary>The index range [start, end) of the days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public (int Start, int End) Range(DateOnly from, DateOnly to)
    {
        var start = Array.BinarySearch(Dates, from);
        var end = Array.BinarySearch(Dates, to);
        return (start < 0 ? ~start : start, end < 0 ? ~end : end + 1);
    }
}

/// <summary>
/// Whole series kept in memory for the readers that go over every day many times: charts and event studies.
/// An import of a symbol drops its entry; an import by another process drops them all.
/// </summary>
public sealed class PriceSeriesCache(Db db)
{
    private const string SeriesSql = """
        select date, close, coalesce(adj_close, close) as Value
        from prices where symbol = @symbol
        order by date
        """;

    private readonly ConcurrentDictionary<string, Lazy<Task<CachedSeries>>> _series = new(StringComparer.OrdinalIgnoreCase);

    private const string VersionSql = "select version from data_versions where name = 'prices'";

    private long _pricesVersion = -1;

    /// <summary>The series of these symbols, after one check that no other process has imported since they were read.</summary>
    public async Task<CachedSeries[]> GetAsync(params string[] symbols)
    {
        // Other processes write prices too: another instance on the same PostgreSQL database, or the import verb
        // on the same SQLite file. Their imports bump the prices version; one this process has not seen drops it all.
        await using (var connection = await db.OpenAsync())
        {
            var version = await connection.ExecuteScalarAsync<long>(VersionSql);
            if (Interlocked.Exchange(ref _pricesVersion, version) != version)
            {
                _series.Clear();
            }
        }
        var series = new CachedSeries[symbols.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            series[i] = await _series.GetOrAdd(symbols[i], s => new Lazy<Task<CachedSeries>>(() => LoadAsync(s))).Value;
        }
        return series;
    }

    public void Invalidate(string symbol) => _series.TryRemove(symbol, out _);

    private async Task<CachedSeries> LoadAsync(string symbol)
    {
        await using var connection = await db.OpenAsync();
        var rows = (await connection.QueryAsync<(string Date, double Close, double Value)>(SeriesSql, new { symbol = symbol.ToUpperInvariant() })).ToList();
        return new CachedSeries(
            [.. rows.Select(r => DateOnly.ParseExact(r.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))],
            [.. rows.Select(r => r.Close)],
            [.. rows.Select(r => r.Value)]);
    }
}
