using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.EventStudy.Aggregate;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.WebUtilities;

namespace MarketContext.Web.Features.Publications;

/// <summary>
/// The prices a published view reads: its series (with the benchmarks and FX series a study joins them to) and the days
/// from <see cref="From"/> to <see cref="To"/>; and whether it draws annotations over those days.
/// </summary>
public sealed record PublishedScope(IReadOnlyList<string> Symbols, DateOnly From, DateOnly To, bool DrawsAnnotations);

/// <summary>What a publication's pinned query reads, and the same view live: the query without its pins.</summary>
public sealed class PublishedScopes(SeriesRoles roles, PriceQueries prices, StudyListings listings, PinnedEventSets sets)
{
    /// <summary>The keys a pin is written under; the live view leaves them out (and the event set's version).</summary>
    private static readonly string[] PinKeys = ["asOf", "annotationsAsOf"];

    public static IQueryCollection Parse(string query) => new QueryCollection(QueryHelpers.ParseQuery(query.Trim().TrimStart('?')));

    /// <summary>The pinned query without its pins: the same view over today's prices, events and annotations.</summary>
    public static string LiveQuery(string pinnedQuery) => CanonicalQuery.Text(Parse(pinnedQuery)
        .Where(p => !PinKeys.Contains(p.Key))
        .Select(p => KeyValuePair.Create(p.Key, p.Key == EventSetRef.Field ? p.Value.ToString().Split('@')[0] : p.Value.ToString())));

    /// <summary>
    /// Where a reader sees the view live, from its query with or without pins: the dashboard for charts, the study
    /// across events' page, or the events page with the study's event and symbol selected.
    /// </summary>
    public static string LiveUrl(PublicationKind kind, string query)
    {
        var live = LiveQuery(query);
        if (kind != PublicationKind.Study)
        {
            return (kind == PublicationKind.Aggregate ? "/Events/Aggregate?" : "/?") + live;
        }
        var pairs = Parse(live);
        var rest = pairs.Where(p => p.Key is not ("symbol" or "eventId")).Select(p => KeyValuePair.Create(p.Key, p.Value.ToString()));
        var selected = pairs.TryGetValue("eventId", out var eventId) && pairs.TryGetValue("symbol", out var symbol)
            ? [KeyValuePair.Create("selected", $"{eventId}:{symbol}")]
            : Array.Empty<KeyValuePair<string, string>>();
        return "/Events?" + CanonicalQuery.Text(rest.Concat(selected));
    }

    /// <summary>One of the view's typed requests read from a stored query, which was checked when it was published.</summary>
    public static T Read<T>(string query) where T : class, new() =>
        QueryReader.Read<T>(Parse(query)) is ({ } read, _) ? read : throw new InvalidOperationException($"The stored query no longer reads as a {typeof(T).Name}.");

    public async Task<PublishedScope> OfAsync(Publication publication, CancellationToken cancellationToken) => publication.Kind switch
    {
        PublicationKind.Study => await StudyAsync(Read<StudyQuery>(publication.PinnedQuery), cancellationToken),
        PublicationKind.Aggregate => await AggregateAsync(Read<AggregateStudyQuery>(publication.PinnedQuery), cancellationToken),
        _ => await ChartAsync(Read<ChartQuery>(publication.PinnedQuery).ToRequest(), cancellationToken),
    };

    private async Task<PublishedScope> ChartAsync(ChartRequest request, CancellationToken cancellationToken)
    {
        var current = await roles.CurrentAsync(cancellationToken);
        IReadOnlyList<string> symbols = request.Company is { } company
            ? [.. (await prices.SeriesAsync(cancellationToken)).Where(s => string.Equals(s.Company, company, StringComparison.OrdinalIgnoreCase)).Select(s => s.Symbol)]
            : request.Symbols ?? current.Vendors;
        if (request.Benchmark && current.Benchmark is { } benchmark)
        {
            symbols = [.. symbols, benchmark];
        }
        if (request.View == ChartView.Time)
        {
            return new PublishedScope([.. symbols.Distinct()], request.From, request.To, request.Annotations);
        }
        // Event time reads each chosen event's window; a calendar day for each trading day and a week either side covers it.
        var days = await EventDaysAsync(request.EventSet ?? EventSetRef.Shipped, e => request.EventIds?.Contains(e.Id, StringComparer.OrdinalIgnoreCase) == true, cancellationToken);
        var margin = request.Window * 7 / 5 + 7;
        return Around([.. symbols.Distinct()], days, margin, margin);
    }

    private async Task<PublishedScope> StudyAsync(StudyQuery query, CancellationToken cancellationToken)
    {
        var parameters = query.Parameters();
        var symbol = query.Symbol!.Trim().ToUpperInvariant();
        var benchmark = query.BenchmarkOr(await roles.BenchmarkAsync(cancellationToken));
        var listing = (await listings.ForAsync([symbol], query.BenchmarkAsked ? benchmark : null, benchmark, parameters.FxFactor))[0];
        var days = query.Date?.Value is { } date
            ? [date]
            : await EventDaysAsync(query.EventSetAsked(), e => e.Id.Equals(query.EventId!.Trim(), StringComparison.OrdinalIgnoreCase), cancellationToken);
        return Before(Of(listing), days, parameters);
    }

    private async Task<PublishedScope> AggregateAsync(AggregateStudyQuery asked, CancellationToken cancellationToken)
    {
        var current = await roles.CurrentAsync(cancellationToken);
        var query = asked.ToQuery(asked.BenchmarkOr(current.Benchmark) ?? "");
        var symbols = query.Symbols ?? current.Vendors;
        var studied = await listings.ForAsync(symbols, query.BenchmarkAsked ? query.Benchmark : null, query.Benchmark, query.Parameters.FxFactor);
        var (set, _) = await sets.PinAsync(asked.EventSetAsked(), cancellationToken);
        var (targets, _, _) = set is null ? ([], [], null) : AggregateService.Targets(query, set.Events, set.Categories);
        return Before([.. studied.SelectMany(Of).Distinct()], [.. targets.Select(t => t.Date)], query.Parameters);
    }

    private static IEnumerable<string> Of(StudyListing listing) => listing.Fx is { } fx ? [listing.Symbol, listing.Benchmark, fx] : [listing.Symbol, listing.Benchmark];

    /// <summary>A study reads its estimation window and gap before day 0 and its event window around it.</summary>
    private static PublishedScope Before(IEnumerable<string> symbols, IReadOnlyList<DateOnly> days, EventStudyParameters parameters) =>
        Around([.. symbols.Distinct()], days, (parameters.Estimation + parameters.Gap + 1) * 7 / 5 + 14, parameters.Post * 7 / 5 + 14);

    private static PublishedScope Around(IReadOnlyList<string> symbols, IReadOnlyList<DateOnly> days, int before, int after) => days.Count == 0
        ? new PublishedScope(symbols, DateOnly.MaxValue, DateOnly.MinValue, false)
        : new PublishedScope(symbols, days.Min().AddDays(-before), days.Max().AddDays(after), false);

    private async Task<IReadOnlyList<DateOnly>> EventDaysAsync(EventSetRef set, Func<PolicyEvent, bool> chosen, CancellationToken cancellationToken)
    {
        var (pinned, _) = await sets.PinAsync(set, cancellationToken);
        return [.. pinned?.Events.Where(chosen).Select(EventTiming.ReactionDate).OfType<DateOnly>() ?? []];
    }
}
