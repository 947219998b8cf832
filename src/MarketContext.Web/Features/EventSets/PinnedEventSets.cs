using System.Collections.Concurrent;
using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.EventSets;

/// <summary>
/// Resolves the set a view names to one version, once per request, and keeps the events of recently viewed versions:
/// a version never changes, so many viewers of one set cost one read of it.
/// </summary>
public sealed class PinnedEventSets(Db db, EventSetStore store)
{
    private const int KeptVersions = 32;

    private const string CurrentSql = "select version, deleted_at as DeletedAt from event_sets where slug = @slug";

    private sealed record CurrentRow(long Version, DateTime? DeletedAt);

    private readonly ConcurrentDictionary<string, PinnedEventSet> _kept = new(StringComparer.Ordinal);

    /// <summary>The set at the version asked for, or at its current one; a refusal naming <c>eventSet</c> when there is no such set or version.</summary>
    public async Task<(PinnedEventSet? Set, FieldError? Refusal)> PinAsync(EventSetRef asked, CancellationToken cancellationToken = default)
    {
        var version = asked.Version;
        if (version is null)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var current = await connection.QuerySingleOrDefaultAsync<CurrentRow>(CurrentSql, new { slug = asked.Slug });
            if (current is null)
            {
                return (null, Unknown(asked));
            }
            if (current.DeletedAt is not null)
            {
                return (null, new FieldError($"The event set {asked.Slug} was deleted at version {current.Version}; name an earlier version, e.g. eventSet={asked.Slug}@{current.Version - 1}.",
                    Field: EventSetRef.Field));
            }
            version = current.Version;
        }
        var key = $"{asked.Slug}@{version}";
        if (_kept.TryGetValue(key, out var kept))
        {
            return (kept, null);
        }
        var view = await store.ReadAsync(asked.Slug, version, cancellationToken);
        if (view is null || view.Deleted)
        {
            return (null, Unknown(asked));
        }
        var pinned = new PinnedEventSet(view.Slug, view.Version, view.Title,
            [.. view.Categories.Select(c => new EventCategory(c.Id, c.Name, c.Color))],
            [.. view.Events.Select(ShippedSet.ToPolicyEvent)]);
        if (_kept.Count >= KeptVersions)
        {
            _kept.Clear();
        }
        _kept[key] = pinned;
        return (pinned, null);
    }

    /// <summary>The refusal as HTTP: the named set or version does not exist.</summary>
    public static IResult Refused(FieldError refusal) => Problems.Validation(refusal.Message, [refusal], StatusCodes.Status404NotFound);

    private static FieldError Unknown(EventSetRef asked) => new(asked.Version is { } v
        ? $"The event set {asked.Slug} has no version {v}."
        : $"There is no event set {asked.Slug}.", Field: EventSetRef.Field);
}
