using System.Diagnostics;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Telemetry;

namespace MarketContext.Web.Features.EventStudy;

public sealed record EventStudyResponse(
    string Symbol, string Benchmark, string? EventId, DateOnly EventDate, DateOnly Day0,
    double Alpha, double Beta, double Sigma, int EstimationDays, IReadOnlyList<EventStudyRow> Rows,
    double Car, double TStat, double PValue, int Pre, int Post, string Returns, IReadOnlyList<Confounder> Confounders)
{
    /// <summary>The CAR's significance as the pages print it: *** below 1%, ** below 5%, * below 10%.</summary>
    public string Stars => Significance.Stars(PValue);
}

/// <summary>Cumulative abnormal return over a sub-window of the event window, with its t and p.</summary>
public sealed record WindowCar(int From, int To, double Car, double TStat, double PValue);

public sealed record EventStudySummaryRow(
    string EventId, string Label, string Title, string Category, string Symbol, DateOnly? Day0,
    WindowCar? Car1, WindowCar? Car5, IReadOnlyList<Confounder> Confounders, string? Missing);

/// <summary>Why a study could not be run: the catalogue has no such event (or category), or the prices do not cover it.</summary>
public enum StudyRefusalKind { Unknown, TooLittleData }

/// <summary>A study that could not be run, and why.</summary>
public sealed record StudyRefusal(StudyRefusalKind Kind, string Detail);

/// <summary>Runs event studies over the stored prices and the event catalogue.</summary>
public sealed class EventStudyService(StudyReturns studyReturns, MarketContextMetrics metrics)
{
    public async Task<(EventStudyResponse? Study, StudyRefusal? Refusal)> RunAsync(EventStudyQuery query)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await RunUntimedAsync(query);
        }
        finally
        {
            metrics.StudyRan("event", MarketContextMetrics.Since(started));
        }
    }

    private async Task<(EventStudyResponse? Study, StudyRefusal? Refusal)> RunUntimedAsync(EventStudyQuery query)
    {
        PolicyEvent? studied = null;
        var catalogue = EventCatalogue.All;
        if (query.EventId is { } id)
        {
            studied = catalogue.FirstOrDefault(e => e.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
            if (studied is null)
            {
                return (null, new StudyRefusal(StudyRefusalKind.Unknown, $"There is no event \"{id}\" in the catalogue."));
            }
            if (!studied.IsDated)
            {
                return (null, new StudyRefusal(StudyRefusalKind.TooLittleData, $"Event {studied.Id} is undated, so it has no day 0."));
            }
        }
        var eventDate = studied is null ? query.Date!.Value : EventTiming.ReactionDate(studied)!.Value;

        var (_, returns, missing) = (await studyReturns.ForAsync([query.Symbol], query.Benchmark, query.Parameters.Returns, query.AsOf))[0];
        if (returns is null)
        {
            return (null, new StudyRefusal(StudyRefusalKind.TooLittleData, missing!));
        }
        var outcome = EventStudyCalculator.Run(returns, eventDate, query.Parameters, query.Symbol, query.Benchmark);
        if (!outcome.HasResult)
        {
            return (null, new StudyRefusal(StudyRefusalKind.TooLittleData, outcome.Missing));
        }
        var r = outcome.Result;
        var confounders = Confounders.InWindow(studied?.Id, query.Symbol, r.Rows[0].Date, r.Rows[^1].Date, catalogue);
        return (new EventStudyResponse(query.Symbol, query.Benchmark, studied?.Id, eventDate, r.Day0, r.Alpha, r.Beta, r.Sigma, r.EstimationDays,
            r.Rows, r.Car, r.TStat, r.PValue, query.Parameters.Pre, query.Parameters.Post, query.Parameters.Returns.ToString().ToLowerInvariant(), confounders), null);
    }

    /// <summary>Every dated catalogue event × each symbol: CAR over [−1, +1] and [−5, +5] from one market-model fit.</summary>
    public async Task<IReadOnlyList<EventStudySummaryRow>> SummaryAsync(IReadOnlyList<string> symbols, string benchmark, EventStudyParameters parameters)
    {
        var window = parameters with { Pre = 5, Post = 5 };
        var catalogue = EventCatalogue.All;
        var candidates = new ConfounderCandidates(catalogue);
        var rows = new List<EventStudySummaryRow>();
        foreach (var (symbol, returns, missing) in await studyReturns.ForAsync(symbols, benchmark, window.Returns))
        {
            foreach (var e in catalogue.Where(e => e.IsDated))
            {
                if (returns is null)
                {
                    rows.Add(new EventStudySummaryRow(e.Id, e.Label, e.Title, e.Category, symbol, null, null, null, [], missing));
                    continue;
                }
                var outcome = EventStudyCalculator.Run(returns, EventTiming.ReactionDate(e)!.Value, window, symbol, benchmark);
                if (!outcome.HasResult)
                {
                    rows.Add(new EventStudySummaryRow(e.Id, e.Label, e.Title, e.Category, symbol, null, null, null, [], outcome.Missing));
                    continue;
                }
                var r = outcome.Result;
                rows.Add(new EventStudySummaryRow(e.Id, e.Label, e.Title, e.Category, symbol, r.Day0,
                    SubWindow(r, -1, 1), SubWindow(r, -5, 5),
                    candidates.InWindow(e.Id, symbol, r.Rows[0].Date, r.Rows[^1].Date), null));
            }
        }
        return rows;
    }

    /// <summary>The same market model judges a shorter window: its CAR over (σ·√L) with the fit's n − 2 degrees of freedom.</summary>
    internal static WindowCar SubWindow(EventStudyResult result, int from, int to)
    {
        var car = result.Rows.Where(row => row.Day >= from && row.Day <= to).Sum(row => row.Abnormal);
        var t = car / (result.Sigma * Math.Sqrt(to - from + 1));
        return new WindowCar(from, to, car, t, StudentT.TwoSidedPValue(t, result.EstimationDays - 2));
    }
}
