using System.Text.Json;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventSets;

namespace MarketContext.Web.Features.Publications;

/// <summary>The prices the view reads that changed after its vintage: revised days and days added, within its series and days.</summary>
public sealed record ChangedPrices(long PinnedVintage, IReadOnlyList<string> Symbols, DateOnly? From, DateOnly? To, Capped<RevisedPrice> Revised, Capped<AddedPrice> Added);

/// <summary>An event of the set that is not as it was: its state at the pinned version and now (null where absent), and the fields that differ.</summary>
public sealed record ChangedEvent(string Id, PolicyEvent? Then, PolicyEvent? Now, IReadOnlyList<string> Fields);

/// <summary>The event set at the pinned version against its current one (<see cref="Current"/> null when the set was deleted).</summary>
public sealed record ChangedEvents(string Pinned, string? Current, Capped<ChangedEvent> Added, Capped<ChangedEvent> Edited, Capped<ChangedEvent> Removed);

/// <summary>An annotation of the view's days that is not as it was at the pinned seq: then and now (null where absent).</summary>
public sealed record ChangedAnnotation(long Id, Annotation? Then, Annotation? Now);

public sealed record ChangedAnnotations(long PinnedSeq, long CurrentSeq, Capped<ChangedAnnotation> Added, Capped<ChangedAnnotation> Edited, Capped<ChangedAnnotation> Deleted);

/// <summary>
/// What changed since a publication, against today's data: the live view (<see cref="LiveUrl"/>), and what it would show
/// otherwise. <see cref="Annotations"/> is null for a view that draws none, <see cref="Study"/> for a view that is no study.
/// </summary>
public sealed record PublicationChangesAnswer(
    string Slug, int Number, PublicationKind Kind, bool Changed, string LiveUrl, string LiveQuery,
    ChangedPrices Prices, ChangedEvents Events, ChangedAnnotations? Annotations, IReadOnlyList<StudyMove>? Study);

/// <summary>Lists what changed since a publication's pins; every list is cut at <see cref="MaxItems"/> and says how many more there are.</summary>
public sealed class PublicationChanges(PublishedScopes scopes, PriceChangesSince prices, PinnedEventSets sets, AnnotationsAsOf annotations, AnnotationStore store, StudyMoves studies)
{
    public const int MaxItems = 50;

    public async Task<PublicationChangesAnswer> ListAsync(Publication publication, CancellationToken cancellationToken = default)
    {
        var scope = await scopes.OfAsync(publication, cancellationToken);
        var (revised, added) = await prices.ListAsync(publication.Pins.PriceVintage, scope.Symbols, scope.From, scope.To, MaxItems, cancellationToken);
        var hasDays = scope.From <= scope.To;
        var changedPrices = new ChangedPrices(publication.Pins.PriceVintage, scope.Symbols, hasDays ? scope.From : null, hasDays ? scope.To : null, revised, added);
        var events = await EventsAsync(publication.Pins.EventSet, cancellationToken);
        var changedAnnotations = scope.DrawsAnnotations ? await AnnotationsAsync(publication.Pins.AnnotationSeq, scope.From, scope.To, cancellationToken) : null;
        var live = PublishedScopes.LiveQuery(publication.PinnedQuery);
        var study = publication.Kind switch
        {
            PublicationKind.Study => await studies.StudyAsync(publication.PinnedQuery, live, cancellationToken),
            PublicationKind.Aggregate => await studies.AggregateAsync(publication.PinnedQuery, live, cancellationToken),
            _ => null,
        };
        var changed = !revised.IsEmpty || !added.IsEmpty || !events.Added.IsEmpty || !events.Edited.IsEmpty || !events.Removed.IsEmpty
            || changedAnnotations is { } a && (!a.Added.IsEmpty || !a.Edited.IsEmpty || !a.Deleted.IsEmpty)
            || study?.Any(m => m.Moved) == true;
        return new PublicationChangesAnswer(publication.Slug, publication.Number, publication.Kind, changed, PublishedScopes.LiveUrl(publication.Kind, publication.PinnedQuery), live,
            changedPrices, events, changedAnnotations, study);
    }

    /// <summary>The set's events at the pinned version against its current version, matched by id.</summary>
    private async Task<ChangedEvents> EventsAsync(string pinned, CancellationToken cancellationToken)
    {
        var asked = EventSetRef.Parse(pinned) ?? throw new InvalidOperationException($"The pinned event set \"{pinned}\" is not a set's name.");
        var (then, _) = await sets.PinAsync(asked, cancellationToken);
        var (now, _) = await sets.PinAsync(asked with { Version = null }, cancellationToken);
        var before = (then?.Events ?? []).ToDictionary(e => e.Id, StringComparer.Ordinal);
        var after = (now?.Events ?? []).ToDictionary(e => e.Id, StringComparer.Ordinal);
        var edited = before.Values.Where(e => after.ContainsKey(e.Id)).Select(e => new ChangedEvent(e.Id, e, after[e.Id], Differences(e, after[e.Id])))
            .Where(c => c.Fields.Count > 0);
        return new ChangedEvents(pinned, now is null ? null : $"{now.Slug}@{now.Version}",
            Cap(after.Values.Where(e => !before.ContainsKey(e.Id)).Select(e => new ChangedEvent(e.Id, null, e, []))),
            Cap(edited),
            Cap(before.Values.Where(e => !after.ContainsKey(e.Id)).Select(e => new ChangedEvent(e.Id, e, null, []))));
    }

    /// <summary>The fields of an event, by their JSON names, whose values differ (lists compared by their items).</summary>
    private static List<string> Differences(PolicyEvent then, PolicyEvent now)
    {
        var (a, b) = (JsonSerializer.SerializeToElement(then, JsonSerializerOptions.Web), JsonSerializer.SerializeToElement(now, JsonSerializerOptions.Web));
        return [.. a.EnumerateObject().Where(p => !b.TryGetProperty(p.Name, out var other) || p.Value.GetRawText() != other.GetRawText()).Select(p => p.Name)];
    }

    /// <summary>
    /// The annotations of the view's days then and now, by id. One drawn now but not then was added, unless it existed then
    /// on other days (then it was edited into view); one drawn then but not now was deleted, unless it still exists (edited out of view).
    /// </summary>
    private async Task<ChangedAnnotations> AnnotationsAsync(long pinnedSeq, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var currentSeq = await store.LastSeqAsync(cancellationToken);
        var before = (await annotations.ListAsync(pinnedSeq, from, to, cancellationToken)).ToDictionary(a => a.Id);
        var after = (await annotations.ListAsync(currentSeq, from, to, cancellationToken)).ToDictionary(a => a.Id);
        var (added, edited, deleted) = (new List<ChangedAnnotation>(), new List<ChangedAnnotation>(), new List<ChangedAnnotation>());
        foreach (var (id, now) in after)
        {
            if (before.TryGetValue(id, out var then))
            {
                if (then != now)
                {
                    edited.Add(new ChangedAnnotation(id, then, now));
                }
            }
            else
            {
                var elsewhere = await annotations.FindAsync(pinnedSeq, id, cancellationToken);
                (elsewhere is null ? added : edited).Add(new ChangedAnnotation(id, elsewhere, now));
            }
        }
        foreach (var (id, then) in before.Where(b => !after.ContainsKey(b.Key)))
        {
            var elsewhere = await annotations.FindAsync(currentSeq, id, cancellationToken);
            (elsewhere is null ? deleted : edited).Add(new ChangedAnnotation(id, then, elsewhere));
        }
        return new ChangedAnnotations(pinnedSeq, currentSeq, Cap(added), Cap(edited.OrderBy(c => c.Id)), Cap(deleted));
    }

    private static Capped<T> Cap<T>(IEnumerable<T> items)
    {
        var all = items.ToList();
        return new Capped<T>([.. all.Take(MaxItems)], Math.Max(0, all.Count - MaxItems));
    }
}
