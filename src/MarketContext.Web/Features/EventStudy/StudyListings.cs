using MarketContext.Web.Features.Calendars;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Web.Features.EventStudy;

/// <summary>
/// A listing as a study sees it: the exchange whose calendar gives its day 0 and counts its windows, the benchmark it
/// is measured against, and, when the FX factor is asked for, the stored FX series between the listing's currency and
/// the benchmark's (or why there is none).
/// </summary>
public sealed record StudyListing(string Symbol, string? Exchange, ExchangeCalendar Calendar, string Benchmark, string? Fx, string? FxProblem)
{
    /// <summary>Why the benchmark cannot be used (it has no stored prices), naming what to import; null when it can.</summary>
    public string? BenchmarkProblem { get; init; }

    /// <summary>Day 0 of an event on this listing's calendar, with the reason (saying so when the exchange is unknown).</summary>
    public DayZero DayZero(EventMoment moment, int closeShiftMinutes) => DayZeros.ForListing(moment, Exchange, closeShiftMinutes);
}

/// <summary>
/// The benchmark a listing is studied against when the query names none: the home index of its exchange, and for the
/// US exchanges (and any other) the series whose role is benchmark.
/// </summary>
public static class ListingBenchmarks
{
    private static readonly Dictionary<string, string> HomeIndex = new(StringComparer.Ordinal)
    {
        ["XSTO"] = "^OMX",
        ["XHEL"] = "^OMXH25",
        ["XETR"] = "^GDAXI",
        ["XLON"] = "^FTSE",
    };

    public static string? DefaultFor(string? exchange, string? stored) =>
        exchange is not null && HomeIndex.TryGetValue(exchange, out var index) ? index : stored;

    /// <summary>Why a benchmark without stored prices cannot be studied against, saying which series to import; null when it has prices.</summary>
    public static string? Problem(string symbol, string? exchange, string benchmark, bool asked, bool stored)
    {
        if (stored)
        {
            return null;
        }
        var whose = !asked && exchange is not null && HomeIndex.TryGetValue(exchange, out var index) && index == benchmark
            ? $"{symbol} is studied against {benchmark}, the default benchmark of its exchange {exchange}"
            : $"{symbol} is studied against the benchmark {benchmark}";
        return $"{whose}, and no prices of {benchmark} are stored: import {benchmark}, or name another benchmark with benchmark=SYMBOL.";
    }

    /// <summary>
    /// The FX series of two currencies as Yahoo spells it, whichever way round is stored (<c>USDSEK=X</c> or
    /// <c>SEKUSD=X</c>), or why the FX factor cannot be used.
    /// </summary>
    public static (string? Fx, string? Problem) FxSeries(string symbol, string? currency, string benchmark, string? benchmarkCurrency, IReadOnlySet<string> stored)
    {
        if (currency is null || benchmarkCurrency is null)
        {
            return (null, $"the FX factor needs the currencies of {symbol} and {benchmark}, and {(currency is null ? symbol : benchmark)}'s is unknown; an editor can set it");
        }
        if (currency == benchmarkCurrency)
        {
            return (null, $"{symbol} and {benchmark} are both priced in {currency}, so there is no exchange rate to add as a factor");
        }
        string[] pairs = [$"{benchmarkCurrency}{currency}=X", $"{currency}{benchmarkCurrency}=X"];
        return pairs.FirstOrDefault(stored.Contains) is { } fx
            ? (fx, null)
            : (null, $"the FX factor for {symbol} ({currency}) against {benchmark} ({benchmarkCurrency}) needs {pairs[0]} or {pairs[1]}; import one first");
    }
}

/// <summary>Reads the listings of the studied symbols from the stored series, once per request.</summary>
public sealed class StudyListings(PriceQueries prices)
{
    /// <summary>
    /// Each symbol's listing, in the order asked: against <paramref name="asked"/> when the query names a benchmark,
    /// otherwise against its exchange's home index or <paramref name="stored"/>.
    /// </summary>
    public async Task<IReadOnlyList<StudyListing>> ForAsync(IReadOnlyList<string> symbols, string? asked, string? stored, bool fxFactor)
    {
        var series = (await prices.SeriesAsync()).ToDictionary(s => s.Symbol, StringComparer.Ordinal);
        var known = series.Keys.ToHashSet(StringComparer.Ordinal);
        return [.. symbols.Select(symbol =>
        {
            var listing = series.GetValueOrDefault(symbol);
            var exchange = listing?.Exchange;
            var benchmark = asked ?? ListingBenchmarks.DefaultFor(exchange, stored) ?? symbol;
            var (fx, problem) = fxFactor
                ? ListingBenchmarks.FxSeries(symbol, listing?.Currency, benchmark, series.GetValueOrDefault(benchmark)?.Currency, known)
                : (null, null);
            var calendar = ExchangeCalendars.Find(exchange) ?? ExchangeCalendars.Find(DayZeros.FallbackMic)!;
            var hasPrices = series.GetValueOrDefault(benchmark) is { Count: > 0 };
            return new StudyListing(symbol, exchange, calendar, benchmark, fx, problem)
            {
                BenchmarkProblem = listing is null ? null : ListingBenchmarks.Problem(symbol, exchange, benchmark, asked is not null, hasPrices),
            };
        })];
    }
}
