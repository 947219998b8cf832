using System.Data.Common;
using System.Text.Json;
using Dapper;
using MarketContext.Web.Data;

namespace MarketContext.Web.Features.EventSets;

public enum WriteOutcome { Done, Unchanged, NotFound, Gone, Forbidden, Stale, Conflict }

/// <summary>What a write did: the set's version after it, or why nothing was stored.</summary>
public sealed record WriteResult(WriteOutcome Outcome, long Version, string Message = "");

/// <summary>
/// Every change to a set is one transaction that takes the set's next version: writers of sets are serialized (SQLite's
/// write lock; a transaction-scoped advisory lock on PostgreSQL), so two editors at once each get their own version and
/// neither change is lost. A writer that names the version it read (<c>If-Match</c>) is refused if another came first.
/// </summary>
public sealed class EventSetWriter(Db db, TimeProvider clock)
{
    private const string InsertSetSql = """
        insert into event_sets (slug, owner, owner_id, version, created_at) values (@Slug, @Owner, @OwnerId, 1, @At) returning id
        """;

    private const string InsertVersionSql = """
        insert into event_set_versions (set_id, version, kind, detail, title, description, categories, changed_by, changed_at)
        values (@SetId, @Version, @Kind, @Detail, @Title, @Description, @Categories, @ChangedBy, @ChangedAt)
        """;

    private const string MetaSql = """
        select version, kind, detail, title, description, categories, changed_by as ChangedBy, changed_at as ChangedAt
        from event_set_versions where set_id = @id and version = @version
        """;

    private const string BumpSql = "update event_sets set version = @Version, deleted_at = @DeletedAt where id = @Id";

    private const string CurrentSql = "select body from event_versions where set_id = @id and valid_to is null";

    private const string CurrentOneSql = "select body from event_versions where set_id = @id and event_id = @eventId and valid_to is null";

    private const string CloseSql = """
        update event_versions set valid_to = @version where set_id = @id and event_id = @eventId and valid_to is null
        """;

    private const string InsertEventSql = """
        insert into event_versions (set_id, event_id, valid_from, valid_to, body) values (@id, @eventId, @version, null, @body)
        """;

    /// <summary>A new set at version 1 holding <paramref name="events"/>; Conflict when the slug is taken (deleted sets keep theirs).</summary>
    public async Task<WriteResult> CreateAsync(string slug, SetMeta meta, string owner, long? ownerId, IReadOnlyList<SetEvent> events, string kind, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, cancellationToken);
        if (await connection.QuerySingleOrDefaultAsync<EventSetStore.SetRow>(EventSetStore.SetSql, new { slug }, transaction) is { } existing)
        {
            return new WriteResult(WriteOutcome.Conflict, existing.Version, $"The slug {slug} is taken{(existing.DeletedAt is null ? "" : " by a deleted set, whose history keeps it")}.");
        }
        var now = Now();
        var id = await connection.ExecuteScalarAsync<long>(InsertSetSql, new { Slug = slug, Owner = owner, OwnerId = ownerId, At = now }, transaction);
        var write = new SetWrite(connection, transaction, id, 1, meta);
        foreach (var e in events)
        {
            await write.PutAsync(e);
        }
        await RecordAsync(write, kind, events.Count == 0 ? "created" : $"created with {events.Count} events", owner, now);
        await transaction.CommitAsync(cancellationToken);
        return new WriteResult(WriteOutcome.Done, 1);
    }

    /// <summary>
    /// One change to an existing set: <paramref name="change"/> edits the set through the <see cref="SetWrite"/> and answers the
    /// version's kind and detail, or null when it changed nothing (no version is taken then).
    /// </summary>
    public async Task<WriteResult> ChangeAsync(string slug, long? expectedVersion, string actor, Func<long?, bool> mayChange,
        Func<SetWrite, Task<(string Kind, string Detail)?>> change, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await BeginAsync(connection, cancellationToken);
        var set = await connection.QuerySingleOrDefaultAsync<EventSetStore.SetRow>(EventSetStore.SetSql, new { slug }, transaction);
        if (set is null)
        {
            return new WriteResult(WriteOutcome.NotFound, 0, $"There is no event set {slug}.");
        }
        if (set.DeletedAt is not null)
        {
            return new WriteResult(WriteOutcome.Gone, set.Version, $"The event set {slug} was deleted at version {set.Version}; its history stays readable.");
        }
        if (!mayChange(set.OwnerId))
        {
            return new WriteResult(WriteOutcome.Forbidden, set.Version, $"The event set {slug} is {set.Owner}'s; only its owner or an admin may change it.");
        }
        if (expectedVersion is { } expected && expected != set.Version)
        {
            return new WriteResult(WriteOutcome.Stale, set.Version, $"The event set {slug} is at version {set.Version}, not {expected}: someone changed it since; read it again.");
        }
        var meta = await connection.QuerySingleAsync<EventSetStore.VersionRow>(MetaSql, new { id = set.Id, version = set.Version }, transaction);
        var write = new SetWrite(connection, transaction, set.Id, set.Version + 1, new SetMeta(meta.Title, meta.Description, meta.CategoryList));
        var done = await change(write);
        if (done is not { } what)
        {
            return new WriteResult(WriteOutcome.Unchanged, set.Version);
        }
        await RecordAsync(write, what.Kind, what.Detail, actor, Now());
        await transaction.CommitAsync(cancellationToken);
        return new WriteResult(WriteOutcome.Done, write.Version);
    }

    private async Task RecordAsync(SetWrite write, string kind, string detail, string actor, DateTime at)
    {
        await write.Connection.ExecuteAsync(InsertVersionSql, new
        {
            write.SetId,
            write.Version,
            Kind = kind,
            Detail = detail,
            write.Meta.Title,
            write.Meta.Description,
            Categories = JsonSerializer.Serialize(write.Meta.Categories, EventSetStore.Json),
            ChangedBy = actor,
            ChangedAt = at,
        }, write.Transaction);
        await write.Connection.ExecuteAsync(BumpSql, new { Id = write.SetId, write.Version, DeletedAt = write.Deleted ? at : (DateTime?)null }, write.Transaction);
    }

    private async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (db.Dialect.TransactionLock(SqlDialect.LockKey.EventSets) is { } lockSql)
        {
            await connection.ExecuteAsync(lockSql, transaction: transaction);
        }
        return transaction;
    }

    // Whole milliseconds, so what is stored as text reads back equal.
    private DateTime Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    /// <summary>The set's title, description and categories as a version leaves them.</summary>
    public sealed record SetMeta(string Title, string Description, IReadOnlyList<SetCategory> Categories);

    /// <summary>The set being changed within its write transaction, at its new version.</summary>
    public sealed class SetWrite(DbConnection connection, DbTransaction transaction, long setId, long version, SetMeta meta)
    {
        internal DbConnection Connection { get; } = connection;
        internal DbTransaction Transaction { get; } = transaction;
        internal long SetId { get; } = setId;
        public long Version { get; } = version;
        public SetMeta Meta { get; set; } = meta;
        public bool Deleted { get; private set; }

        public async Task<SetEvent?> FindAsync(string eventId)
        {
            var body = await Connection.QuerySingleOrDefaultAsync<string>(CurrentOneSql, new { id = SetId, eventId }, Transaction);
            return body is null ? null : EventSetStore.Parse(body);
        }

        public async Task<IReadOnlyList<SetEvent>> AllAsync() =>
            [.. (await Connection.QueryAsync<string>(CurrentSql, new { id = SetId }, Transaction)).Select(EventSetStore.Parse)];

        /// <summary>Adds or replaces the event; answers whether anything changed.</summary>
        public async Task<bool> PutAsync(SetEvent e, SetEvent? current = null)
        {
            var body = EventSetStore.Serialize(e);
            current ??= await FindAsync(e.Id);
            if (current is not null && EventSetStore.Serialize(current) == body)
            {
                return false;
            }
            await Connection.ExecuteAsync(CloseSql, new { id = SetId, eventId = e.Id, version = Version }, Transaction);
            await Connection.ExecuteAsync(InsertEventSql, new { id = SetId, eventId = e.Id, version = Version, body }, Transaction);
            return true;
        }

        public async Task<bool> RemoveAsync(string eventId) =>
            await Connection.ExecuteAsync(CloseSql, new { id = SetId, eventId, version = Version }, Transaction) > 0;

        /// <summary>Closes every current event; the set's history and its old versions stay readable.</summary>
        public async Task DeleteSetAsync()
        {
            await Connection.ExecuteAsync("update event_versions set valid_to = @version where set_id = @id and valid_to is null", new { id = SetId, version = Version }, Transaction);
            Deleted = true;
        }
    }
}
