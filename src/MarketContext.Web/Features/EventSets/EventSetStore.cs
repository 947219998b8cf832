using System.Text.Json;
using Dapper;
using MarketContext.Web.Data;

namespace MarketContext.Web.Features.EventSets;

/// <summary>A set as it stands at one version, with its events.</summary>
public sealed record EventSetView(string Slug, string Title, string Description, string Owner, long Version, bool Deleted,
    IReadOnlyList<SetCategory> Categories, string ChangedBy, DateTime ChangedAt, IReadOnlyList<SetEvent> Events);

/// <summary>A set in the list: its current version and how many events it holds, without the events.</summary>
public sealed record EventSetSummary(string Slug, string Title, string Description, string Owner, long Version, string ChangedBy, DateTime ChangedAt, long EventCount);

/// <summary>One event's change within a set version; Before is null for an addition, After for a deletion.</summary>
public sealed record EventChange(string EventId, SetEvent? Before, SetEvent? After);

/// <summary>One version of a set: who made it when, the set's title, description and categories after it, and the events it changed.</summary>
public sealed record EventSetVersion(long Version, string Kind, string Detail, string Title, string Description,
    IReadOnlyList<SetCategory> Categories, string ChangedBy, DateTime ChangedAt, IReadOnlyList<EventChange> Changes);

/// <summary>
/// Reads event sets at any version. Every state of an event is a row valid from the set version that wrote it until
/// the one that replaced or deleted it, so the set at version N is the rows whose range holds N: one indexed query,
/// the same work as reading the current set.
/// </summary>
public sealed class EventSetStore(Db db)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal const string SetSql = """
        select id, slug, owner, owner_id as OwnerId, version, deleted_at as DeletedAt from event_sets where slug = @slug
        """;

    private const string VersionSql = """
        select version, kind, detail, title, description, categories, changed_by as ChangedBy, changed_at as ChangedAt
        from event_set_versions where set_id = @id and version = @version
        """;

    private const string ListSql = """
        select s.slug, v.title, v.description, s.owner, s.version, v.changed_by as ChangedBy, v.changed_at as ChangedAt,
            (select count(*) from event_versions e where e.set_id = s.id and e.valid_to is null) as EventCount
        from event_sets s join event_set_versions v on v.set_id = s.id and v.version = s.version
        where s.deleted_at is null order by s.slug
        """;

    private const string CurrentEventsSql = "select body from event_versions where set_id = @id and valid_to is null";

    private const string EventsAtSql = """
        select body from event_versions
        where set_id = @id and valid_from <= @version and (valid_to is null or valid_to > @version)
        """;

    private const string VersionsAfterSql = """
        select version, kind, detail, title, description, categories, changed_by as ChangedBy, changed_at as ChangedAt
        from event_set_versions where set_id = @id and version > @after order by version
        """;

    private const string ChangedEventsSql = """
        select event_id as EventId, valid_from as ValidFrom, valid_to as ValidTo, body from event_versions
        where set_id = @id and (valid_from > @after or valid_to > @after)
        """;

    internal sealed record SetRow(long Id, string Slug, string Owner, long? OwnerId, long Version, DateTime? DeletedAt);

    internal sealed record VersionRow(long Version, string Kind, string Detail, string Title, string Description, string Categories, string ChangedBy, DateTime ChangedAt)
    {
        public IReadOnlyList<SetCategory> CategoryList => JsonSerializer.Deserialize<List<SetCategory>>(Categories, Json) ?? [];
    }

    private sealed record ChangedRow(string EventId, long ValidFrom, long? ValidTo, string Body);

    public async Task<IReadOnlyList<EventSetSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<EventSetSummary>(ListSql)];
    }

    /// <summary>The account that owns the set (null for the shipped set, or when there is no such set): who may change it besides admins.</summary>
    public async Task<long?> OwnerIdAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<SetRow>(SetSql, new { slug }))?.OwnerId;
    }

    /// <summary>The set at <paramref name="version"/> (default: its current one); null when there is no such set or version.</summary>
    public async Task<EventSetView?> ReadAsync(string slug, long? version = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var set = await connection.QuerySingleOrDefaultAsync<SetRow>(SetSql, new { slug });
        if (set is null || version > set.Version || version < 1)
        {
            return null;
        }
        var at = version ?? set.Version;
        var meta = await connection.QuerySingleAsync<VersionRow>(VersionSql, new { id = set.Id, version = at });
        var bodies = version is null || version == set.Version
            ? await connection.QueryAsync<string>(CurrentEventsSql, new { id = set.Id })
            : await connection.QueryAsync<string>(EventsAtSql, new { id = set.Id, version = at });
        var events = SetEvent.InOrder(bodies.Select(Parse)).ToList();
        var deleted = set.DeletedAt is not null && at == set.Version;
        return new EventSetView(set.Slug, meta.Title, meta.Description, set.Owner, at, deleted, meta.CategoryList, meta.ChangedBy, meta.ChangedAt, events);
    }

    /// <summary>Every version after <paramref name="afterVersion"/>, each with the events it changed, before and after; null when there is no such set.</summary>
    public async Task<IReadOnlyList<EventSetVersion>?> HistoryAsync(string slug, long afterVersion = 0, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var set = await connection.QuerySingleOrDefaultAsync<SetRow>(SetSql, new { slug });
        if (set is null)
        {
            return null;
        }
        var versions = (await connection.QueryAsync<VersionRow>(VersionsAfterSql, new { id = set.Id, after = afterVersion })).ToList();
        var rows = (await connection.QueryAsync<ChangedRow>(ChangedEventsSql, new { id = set.Id, after = afterVersion })).ToList();
        var afters = rows.Where(r => r.ValidFrom > afterVersion).ToLookup(r => r.ValidFrom);
        var befores = rows.Where(r => r.ValidTo > afterVersion).ToLookup(r => r.ValidTo!.Value);
        return [.. versions.Select(v =>
        {
            var after = afters[v.Version].ToDictionary(r => r.EventId, r => Parse(r.Body));
            var before = befores[v.Version].ToDictionary(r => r.EventId, r => Parse(r.Body));
            var changes = after.Keys.Union(before.Keys).Order(StringComparer.Ordinal)
                .Select(id => new EventChange(id, before.GetValueOrDefault(id), after.GetValueOrDefault(id))).ToList();
            return new EventSetVersion(v.Version, v.Kind, v.Detail, v.Title, v.Description, v.CategoryList, v.ChangedBy, v.ChangedAt, changes);
        })];
    }

    internal static SetEvent Parse(string body) => JsonSerializer.Deserialize<SetEvent>(body, Json)!;

    internal static string Serialize(SetEvent e) => JsonSerializer.Serialize(e, Json);
}
