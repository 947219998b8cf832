using System.Runtime.CompilerServices;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Web.Features.EventStudy;

/// <summary>One symbol's joined returns against the benchmark, or why there are none.</summary>
public sealed record SymbolReturns(string Symbol, ReturnSeries? Returns, string? Missing);

/// <summary>
/// The studied symbols' returns against the benchmark, from one read of the series cache (one version check for
/// them all). Joining two whole histories costs more than the studies run on them, so a join is kept beside the
/// stock series it was made from and used again only while the cache hands out the very same series of the stock
/// and of the benchmark: an import, here or on another instance, makes the cache read a new series, which has no
/// join yet.
/// </summary>
public sealed class StudyReturns(PriceSeriesCache cache, PriceVintages vintages)
{
    private sealed record Joined(CachedSeries Benchmark, ReturnKind Kind, ReturnSeries Returns);

    // Keyed by the stock series object itself: a join lives only as long as that series does.
    private readonly ConditionalWeakTable<CachedSeries, Joined> _joins = [];
    private long _joinsMade;

    /// <summary>How many joins have been made rather than found.</summary>
    public long JoinsMade => Interlocked.Read(ref _joinsMade);

    /// <summary>Each symbol's returns against the benchmark, in the order asked; from the prices as they were at a vintage when one is given.</summary>
    public async Task<IReadOnlyList<SymbolReturns>> ForAsync(IReadOnlyList<string> symbols, string benchmark, ReturnKind kind, long? asOf = null)
    {
        var series = asOf is { } vintage ? await vintages.SeriesAsync(vintage, [.. symbols, benchmark]) : await cache.GetAsync([.. symbols, benchmark]);
        return [.. symbols.Select((symbol, i) => Returns(symbol, series[i], benchmark, series[^1], kind))];
    }

    private SymbolReturns Returns(string symbol, CachedSeries stock, string benchmark, CachedSeries market, ReturnKind kind)
    {
        if (stock.Dates.Length == 0 || market.Dates.Length == 0)
        {
            var lacking = string.Join(" and ", new[] { (symbol, stock), (benchmark, market) }.Where(x => x.Item2.Dates.Length == 0).Select(x => x.Item1));
            return new SymbolReturns(symbol, null, $"No prices are loaded for {lacking}; import them first.");
        }
        if (!_joins.TryGetValue(stock, out var joined) || !ReferenceEquals(joined.Benchmark, market) || joined.Kind != kind)
        {
            joined = new Joined(market, kind, ReturnSeries.Join(stock.Points, market.Points, kind));
            _joins.AddOrUpdate(stock, joined);
            Interlocked.Increment(ref _joinsMade);
        }
        return new SymbolReturns(symbol, joined.Returns, null);
    }
}
