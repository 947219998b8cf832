using System.Diagnostics;
using MarketContext.Web.Features.Calendars;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Telemetry;

namespace MarketContext.Web.Features.EventStudy.Aggregate;

/// <summary>Runs the event study across events over the stored prices and the events of a set at one version.</summary>
public sealed class AggregateService(StudyReturns returns, StudyListings listings, MarketContextMetrics metrics)
{
    /// <summary>The study; <paramref name="cancellationToken"/> (the caller going away) stops it between members and days.</summary>
    public async Task<(AggregateResponse? Response, StudyRefusal? Refusal)> RunAsync(AggregateQuery query, IReadOnlyList<string> symbols, PinnedEventSet events,
        CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await RunUntimedAsync(query, symbols, events, cancellationToken);
        }
        finally
        {
            metrics.StudyRan("across_events", MarketContextMetrics.Since(started));
        }
    }

    private async Task<(AggregateResponse? Response, StudyRefusal? Refusal)> RunUntimedAsync(AggregateQuery query, IReadOnlyList<string> symbols, PinnedEventSet events,
        CancellationToken cancellationToken)
    {
        var catalogue = events.Events;
        var (targets, undated, refusal) = Targets(query, catalogue, events.Categories);
        if (refusal is not null)
        {
            return (null, refusal);
        }
        var leftOut = symbols.SelectMany(s => undated.Select(e => new LeftOutMember(s, e.Id, null, $"Event {e.Id} is undated, so it has no day 0."))).ToList();
        var studied = await listings.ForAsync(symbols, query.BenchmarkAsked ? query.Benchmark : null, query.Benchmark, query.Parameters.FxFactor);
        var series = await returns.ForListingsAsync(studied, query.Parameters.Returns, query.AsOf);
        cancellationToken.ThrowIfCancellationRequested();
        var response = AggregateCalculator.Run(series, targets, leftOut, query.Benchmark, query.Parameters, catalogue, studied, cancellationToken);
        var all = response.Samples.SelectMany(s => s.LeftOut).Distinct().ToList();
        if (all.Count > 0 && (query.Strict || response.Samples.All(s => s.N == 0)))
        {
            var named = string.Join("; ", all.Take(20).Select(l => $"{l.Symbol} {l.EventId ?? l.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}: {l.Reason}"));
            return (null, new StudyRefusal(StudyRefusalKind.TooLittleData,
                $"{all.Count} member{(all.Count == 1 ? " has" : "s have")} too little data: {named}{(all.Count > 20 ? "; …" : "")}"));
        }
        return (response, null);
    }

    /// <summary>The members' event days from the query: unknown ids or categories refuse the request, undated events are left out.</summary>
    public static (IReadOnlyList<StudyTarget> Targets, IReadOnlyList<PolicyEvent> Undated, StudyRefusal? Refusal) Targets(AggregateQuery query, IReadOnlyList<PolicyEvent> catalogue,
        IReadOnlyList<EventCategory>? categories = null)
    {
        categories ??= EventCategories.All;
        if (query.Dates.Count > 0)
        {
            return ([.. query.Dates.Order().Select(d => new StudyTarget(null, d, EventMoment.OnDay(d)))], [], null);
        }
        IReadOnlyList<PolicyEvent> chosen;
        if (query.EventIds.Count > 0)
        {
            var ids = catalogue.Select(e => e.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unknown = query.EventIds.Where(id => !ids.Contains(id)).ToList();
            if (unknown.Count > 0)
            {
                return ([], [], new StudyRefusal(StudyRefusalKind.Unknown,
                    $"There is no event {string.Join(", ", unknown.Select(id => $"\"{(id.Length > 20 ? id[..20] + "…" : id)}\""))} in the catalogue."));
            }
            var asked = query.EventIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
            chosen = [.. catalogue.Where(e => asked.Contains(e.Id))];
        }
        else if (query.Category is { } category)
        {
            if (!catalogue.Any(e => e.Category == category) && !categories.Any(c => c.Id == category))
            {
                return ([], [], new StudyRefusal(StudyRefusalKind.Unknown,
                    $"There is no event category \"{(category.Length > 30 ? category[..30] + "…" : category)}\"; the categories are {string.Join(", ", categories.Select(c => c.Id))}."));
            }
            chosen = [.. catalogue.Where(e => e.Category == category && e.IsDated)];
            if (chosen.Count == 0)
            {
                return ([], [], new StudyRefusal(StudyRefusalKind.TooLittleData, $"Category {category} has no dated events."));
            }
        }
        else
        {
            chosen = [.. catalogue.Where(e => e.IsDated)];
        }
        return ([.. chosen.Where(e => e.IsDated).Select(e => new StudyTarget(e.Id, EventTiming.ReactionDate(e)!.Value, EventMoment.Of(e))).OrderBy(t => t.Date)],
            [.. chosen.Where(e => !e.IsDated)], null);
    }
}
