using System.Diagnostics;
using MarketContext.Web.Features.Calendars;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Telemetry;

namespace MarketContext.Web.Features.EventStudy;

/// <summary>
/// One study's answer. Day 0 is the first session of the listing's exchange that could price the event
/// (<see cref="Day0Reason"/> says why); <see cref="MissingSessions"/> names the sessions of that exchange in the
/// study's span without a row, which are reported rather than taken for closed days.
/// </summary>
public sealed record EventStudyResponse(
    string Symbol, string Benchmark, string? EventId, DateOnly EventDate, DateOnly Day0,
    double Alpha, double Beta, double Sigma, int EstimationDays, IReadOnlyList<EventStudyRow> Rows,
    double Car, double TStat, double PValue, int Pre, int Post, string Returns, IReadOnlyList<Confounder> Confounders,
    string? Day0Reason = null, string? Exchange = null, string? Calendar = null, string? Fx = null, double? Gamma = null,
    IReadOnlyList<DateOnly>? MissingSessions = null)
{
    /// <summary>The CAR's significance as the pages print it: *** below 1%, ** below 5%, * below 10%.</summary>
    public string Stars => Significance.Stars(PValue);
}

/// <summary>Cumulative abnormal return over a sub-window of the event window, with its t and p.</summary>
public sealed record WindowCar(int From, int To, double Car, double TStat, double PValue);

public sealed record EventStudySummaryRow(
    string EventId, string Label, string Title, string Category, string Symbol, DateOnly? Day0,
    WindowCar? Car1, WindowCar? Car5, IReadOnlyList<Confounder> Confounders, string? Missing, string? Day0Reason = null, string? Benchmark = null);

/// <summary>Why a study could not be run: the catalogue has no such event (or category), or the prices do not cover it.</summary>
public enum StudyRefusalKind { Unknown, TooLittleData }

/// <summary>A study that could not be run, and why.</summary>
public sealed record StudyRefusal(StudyRefusalKind Kind, string Detail);

/// <summary>Runs event studies over the stored prices and the events of a set at one version.</summary>
public sealed class EventStudyService(StudyReturns studyReturns, StudyListings listings, MarketContextMetrics metrics)
{
    public async Task<(EventStudyResponse? Study, StudyRefusal? Refusal)> RunAsync(EventStudyQuery query, PinnedEventSet events)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await RunUntimedAsync(query, events);
        }
        finally
        {
            metrics.StudyRan("event", MarketContextMetrics.Since(started));
        }
    }

    private async Task<(EventStudyResponse? Study, StudyRefusal? Refusal)> RunUntimedAsync(EventStudyQuery query, PinnedEventSet events)
    {
        PolicyEvent? studied = null;
        var catalogue = events.Events;
        if (query.EventId is { } id)
        {
            studied = catalogue.FirstOrDefault(e => e.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
            if (studied is null)
            {
                return (null, new StudyRefusal(StudyRefusalKind.Unknown, $"There is no event \"{id}\" in the event set {events.Key}."));
            }
            if (!studied.IsDated)
            {
                return (null, new StudyRefusal(StudyRefusalKind.TooLittleData, $"Event {studied.Id} is undated, so it has no day 0."));
            }
        }
        var moment = studied is null ? EventMoment.OnDay(query.Date!.Value) : EventMoment.Of(studied)!.Value;
        var listing = (await listings.ForAsync([query.Symbol], query.BenchmarkAsked ? query.Benchmark : null, query.Benchmark, query.Parameters.FxFactor))[0];
        var zero = listing.DayZero(moment, query.Parameters.CloseShiftMinutes);
        var (_, returns, missing) = (await studyReturns.ForListingsAsync([listing], query.Parameters.Returns, query.AsOf))[0];
        if (returns is null)
        {
            return (null, new StudyRefusal(StudyRefusalKind.TooLittleData, missing!));
        }
        var (outcome, gaps) = Run(returns, zero, listing, query.Parameters);
        if (!outcome.HasResult)
        {
            return (null, new StudyRefusal(StudyRefusalKind.TooLittleData, outcome.Missing));
        }
        var r = outcome.Result;
        var confounders = Confounders.InWindow(studied?.Id, query.Symbol, r.Rows[0].Date, r.Rows[^1].Date, catalogue);
        return (new EventStudyResponse(query.Symbol, listing.Benchmark, studied?.Id, moment.Day, r.Day0, r.Alpha, r.Beta, r.Sigma, r.EstimationDays,
            r.Rows, r.Car, r.TStat, r.PValue, query.Parameters.Pre, query.Parameters.Post, query.Parameters.Returns.ToString().ToLowerInvariant(), confounders,
            zero.Reason, listing.Exchange, listing.Calendar.Mic, listing.Fx, r.Gamma, gaps), null);
    }

    /// <summary>
    /// The study on the listing's own day 0: refused when that session has no row (a missing row is not a closed day),
    /// and with the sessions of the study's span that lack a row named.
    /// </summary>
    internal static (EventStudyOutcome Outcome, IReadOnlyList<DateOnly> MissingSessions) Run(ReturnSeries returns, DayZero zero, StudyListing listing, EventStudyParameters parameters)
    {
        if (zero.Day0 is not { } day0)
        {
            return (EventStudyOutcome.NotComputed($"{listing.Symbol} has no day 0: {zero.Reason}"), []);
        }
        var index = returns.IndexOnOrAfter(day0);
        if (index < returns.Count && returns.Dates[index] != day0)
        {
            return (EventStudyOutcome.NotComputed(
                $"{listing.Symbol} or {listing.Benchmark} has no row on {day0:yyyy-MM-dd}, the {listing.Calendar.Mic} session that is day 0 ({zero.Reason}); a missing row is not taken for a closed day"), []);
        }
        var outcome = EventStudyCalculator.Run(returns, day0, parameters, listing.Symbol, listing.Benchmark);
        if (!outcome.HasResult)
        {
            return (outcome, []);
        }
        var first = returns.Dates[index - parameters.Gap - parameters.Estimation - 1];
        var dates = returns.Dates.ToArray();
        return (outcome, [.. listing.Calendar.Sessions(first, outcome.Result.Rows[^1].Date).Select(s => s.Date).Where(d => Array.BinarySearch(dates, d) < 0)]);
    }

    /// <summary>Every dated event of the set × each symbol: CAR over [−1, +1] and [−5, +5] from one market-model fit.</summary>
    /// <remarks><paramref name="asOf"/>: the price vintage read; null for the prices as they are now.</remarks>
    public async Task<IReadOnlyList<EventStudySummaryRow>> SummaryAsync(IReadOnlyList<string> symbols, string benchmark, EventStudyParameters parameters, PinnedEventSet events,
        bool benchmarkAsked = true, long? asOf = null)
    {
        var window = parameters with { Pre = 5, Post = 5 };
        var catalogue = events.Events;
        var candidates = new ConfounderCandidates(catalogue);
        var rows = new List<EventStudySummaryRow>();
        var studied = await listings.ForAsync(symbols, benchmarkAsked ? benchmark : null, benchmark, parameters.FxFactor);
        var series = await studyReturns.ForListingsAsync(studied, window.Returns, asOf);
        foreach (var (listing, (symbol, returns, missing)) in studied.Zip(series))
        {
            foreach (var e in catalogue.Where(e => e.IsDated))
            {
                var zero = listing.DayZero(EventMoment.Of(e)!.Value, parameters.CloseShiftMinutes);
                var outcome = returns is null ? EventStudyOutcome.NotComputed(missing!) : Run(returns, zero, listing, window).Outcome;
                if (!outcome.HasResult)
                {
                    rows.Add(new EventStudySummaryRow(e.Id, e.Label, e.Title, e.Category, symbol, zero.Day0, null, null, [], outcome.Missing, zero.Reason, listing.Benchmark));
                    continue;
                }
                var r = outcome.Result;
                rows.Add(new EventStudySummaryRow(e.Id, e.Label, e.Title, e.Category, symbol, r.Day0,
                    SubWindow(r, -1, 1), SubWindow(r, -5, 5),
                    candidates.InWindow(e.Id, symbol, r.Rows[0].Date, r.Rows[^1].Date), null, zero.Reason, listing.Benchmark));
            }
        }
        return rows;
    }

    /// <summary>The same market model judges a shorter window: its CAR over (σ·√L) with the fit's n − 2 degrees of freedom.</summary>
    internal static WindowCar SubWindow(EventStudyResult result, int from, int to)
    {
        var car = result.Rows.Where(row => row.Day >= from && row.Day <= to).Sum(row => row.Abnormal);
        var t = car / (result.Sigma * Math.Sqrt(to - from + 1));
        return new WindowCar(from, to, car, t, StudentT.TwoSidedPValue(t, result.EstimationDays - (result.Gamma is null ? 2 : 3)));
    }
}
