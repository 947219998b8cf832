using System.Diagnostics;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Telemetry;

namespace MarketContext.Web.Features.EventStudy.Aggregate;

/// <summary>Runs the event study across events over the stored prices and the event catalogue.</summary>
public sealed class AggregateService(StudyReturns returns, MarketContextMetrics metrics)
{
    /// <summary>The study; <paramref name="cancellationToken"/> (the caller going away) stops it between members and days.</summary>
    public async Task<(AggregateResponse? Response, StudyRefusal? Refusal)> RunAsync(AggregateQuery query, IReadOnlyList<string> symbols, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await RunUntimedAsync(query, symbols, cancellationToken);
        }
        finally
        {
            metrics.StudyRan("across_events", MarketContextMetrics.Since(started));
        }
    }

    private async Task<(AggregateResponse? Response, StudyRefusal? Refusal)> RunUntimedAsync(AggregateQuery query, IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        var catalogue = EventCatalogue.All;
        var (targets, undated, refusal) = Targets(query, catalogue);
        if (refusal is not null)
        {
            return (null, refusal);
        }
        var leftOut = symbols.SelectMany(s => undated.Select(e => new LeftOutMember(s, e.Id, null, $"Event {e.Id} is undated, so it has no day 0."))).ToList();
        var series = await returns.ForAsync(symbols, query.Benchmark, query.Parameters.Returns);
        cancellationToken.ThrowIfCancellationRequested();
        var response = AggregateCalculator.Run(series, targets, leftOut, query.Benchmark, query.Parameters, catalogue, cancellationToken);
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
    public static (IReadOnlyList<StudyTarget> Targets, IReadOnlyList<PolicyEvent> Undated, StudyRefusal? Refusal) Targets(AggregateQuery query, IReadOnlyList<PolicyEvent> catalogue)
    {
        if (query.Dates.Count > 0)
        {
            return ([.. query.Dates.Order().Select(d => new StudyTarget(null, d))], [], null);
        }
        IReadOnlyList<PolicyEvent> chosen;
        if (query.EventIds.Count > 0)
        {
            var unknown = query.EventIds.Where(id => !catalogue.Any(e => e.Id.Equals(id, StringComparison.OrdinalIgnoreCase))).ToList();
            if (unknown.Count > 0)
            {
                return ([], [], new StudyRefusal(StudyRefusalKind.Unknown,
                    $"There is no event {string.Join(", ", unknown.Select(id => $"\"{(id.Length > 20 ? id[..20] + "…" : id)}\""))} in the catalogue."));
            }
            chosen = [.. catalogue.Where(e => query.EventIds.Contains(e.Id, StringComparer.OrdinalIgnoreCase))];
        }
        else if (query.Category is { } category)
        {
            if (!catalogue.Any(e => e.Category == category) && !EventCategories.IsKnown(category))
            {
                return ([], [], new StudyRefusal(StudyRefusalKind.Unknown,
                    $"There is no event category \"{(category.Length > 30 ? category[..30] + "…" : category)}\"; the categories are {string.Join(", ", EventCategories.All.Select(c => c.Id))}."));
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
        return ([.. chosen.Where(e => e.IsDated).Select(e => new StudyTarget(e.Id, EventTiming.ReactionDate(e)!.Value)).OrderBy(t => t.Date)],
            [.. chosen.Where(e => !e.IsDated)], null);
    }
}
