using System.Collections.Concurrent;
using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Features.EventStudy;

namespace MarketContext.Web.Features.Prices;

/// <summary>
/// Whole adjusted-close series kept in memory for the calculations that read every day of a series
/// many times (event studies). An import of a symbol drops its entry.
/// </summary>
public sealed class PriceSeriesCache(Db db)
{
    private const string SeriesSql = """
        select date, coalesce(adj_close, close) as Value
        from prices where symbol = @symbol
        order by date
        """;

    private readonly ConcurrentDictionary<string, Lazy<Task<PricePoint[]>>> _series = new(StringComparer.OrdinalIgnoreCase);

    public Task<PricePoint[]> GetAsync(string symbol) =>
        _series.GetOrAdd(symbol, s => new Lazy<Task<PricePoint[]>>(() => LoadAsync(s))).Value;

    public void Invalidate(string symbol) => _series.TryRemove(symbol, out _);

    private async Task<PricePoint[]> LoadAsync(string symbol)
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<(string Date, double Value)>(SeriesSql, new { symbol = symbol.ToUpperInvariant() });
        return [.. rows.Select(r => new PricePoint(DateOnly.ParseExact(r.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Value))];
    }
}
