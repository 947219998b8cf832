using System.Runtime.CompilerServices;
using MarketContext.Web.Features.Calendars;
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
    private sealed record Joined(CachedSeries Benchmark, ReturnKind Kind, ReturnSeries Returns, string? Calendar = null, CachedSeries? Fx = null);

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

    /// <summary>
    /// Each listing's returns against its own benchmark on its own calendar (and with its FX series when it has one),
    /// in the order asked; from one read of the series cache, or of the prices as they were at a vintage when one is given.
    /// </summary>
    public async Task<IReadOnlyList<SymbolReturns>> ForListingsAsync(IReadOnlyList<StudyListing> listings, ReturnKind kind, long? asOf = null)
    {
        var symbols = listings.SelectMany(l => l.Fx is { } fx ? [l.Symbol, l.Benchmark, fx] : new[] { l.Symbol, l.Benchmark }).Distinct().ToArray();
        var series = asOf is { } vintage ? await vintages.SeriesAsync(vintage, symbols) : await cache.GetAsync(symbols);
        CachedSeries Of(string symbol) => series[Array.IndexOf(symbols, symbol)];
        return [.. listings.Select(l => (l.BenchmarkProblem ?? l.FxProblem) is { } problem
            ? new SymbolReturns(l.Symbol, null, problem)
            : Returns(l.Symbol, Of(l.Symbol), l.Benchmark, Of(l.Benchmark), kind, l.Calendar, l.Fx is { } fx ? (fx, Of(fx)) : null))];
    }

    private SymbolReturns Returns(string symbol, CachedSeries stock, string benchmark, CachedSeries market, ReturnKind kind,
        ExchangeCalendar calendar, (string Symbol, CachedSeries Series)? fx)
    {
        if (fx is { Series.Dates.Length: 0 } empty)
        {
            return new SymbolReturns(symbol, null, $"No prices are loaded for {empty.Symbol}; import them first.");
        }
        if (stock.Dates.Length == 0 || market.Dates.Length == 0)
        {
            return Returns(symbol, stock, benchmark, market, kind);
        }
        if (!_joins.TryGetValue(stock, out var joined) || !ReferenceEquals(joined.Benchmark, market) || joined.Kind != kind
            || joined.Calendar != calendar.Version + calendar.Mic || !ReferenceEquals(joined.Fx, fx?.Series))
        {
            joined = new Joined(market, kind, ReturnSeries.JoinOnSessions(stock.Points, market.Points, kind, calendar.IsSession, fx?.Series.Points),
                calendar.Version + calendar.Mic, fx?.Series);
            _joins.AddOrUpdate(stock, joined);
            Interlocked.Increment(ref _joinsMade);
        }
        return new SymbolReturns(symbol, joined.Returns, null);
    }

    private SymbolReturns Returns(string symbol, CachedSeries stock, string benchmark, CachedSeries market, ReturnKind kind)
    {
        if (stock.Dates.Length == 0 || market.Dates.Length == 0)
        {
            var lacking = string.Join(" and ", new[] { (symbol, stock), (benchmark, market) }.Where(x => x.Item2.Dates.Length == 0).Select(x => x.Item1));
            return new SymbolReturns(symbol, null, $"No prices are loaded for {lacking}; import them first.");
        }
        if (!_joins.TryGetValue(stock, out var joined) || !ReferenceEquals(joined.Benchmark, market) || joined.Kind != kind || joined.Calendar is not null)
        {
            joined = new Joined(market, kind, ReturnSeries.Join(stock.Points, market.Points, kind));
            _joins.AddOrUpdate(stock, joined);
            Interlocked.Increment(ref _joinsMade);
        }
        return new SymbolReturns(symbol, joined.Returns, null);
    }
}
