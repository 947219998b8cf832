using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using MarketContext.Web.Data;

namespace MarketContext.Web.Features.Annotations;

/// <summary>
/// Annotations and their change log. Every add, update and delete takes the next <c>seq</c> inside the same
/// write transaction, so sequence numbers are unique, gap-free and in commit order; the same transaction puts the
/// change in the <see cref="AnnotationOutbox"/>, from which it is told to the live viewers after the commit.
/// </summary>
public sealed class AnnotationStore(Db db, AnnotationOutbox outbox, TimeProvider clock, ILogger<AnnotationStore> logger)
{
    private const string Columns = "id, seq, date, end_date as EndDate, symbol, text, author, created_at as CreatedAt, updated_at as UpdatedAt";

    private const string ListSql = $"""
        select {Columns} from annotations
        where (cast(@from as text) is null or coalesce(end_date, date) >= @from) and (cast(@to as text) is null or date <= @to)
        order by date, id
        """;

    private const string ByIdSql = $"select {Columns} from annotations where id = @id";

    private const string NextSeqSql = "select coalesce(max(seq), 0) + 1 from annotation_changes";

    // The next id after every id ever used, deleted ones included (their history keeps them): SQLite's rowid
    // would hand out a deleted largest id again, and that annotation's History would show another's trail.
    // Runs in the write transaction after NextSeqAsync, which serializes the writers on both engines.
    private const string InsertSql = """
        insert into annotations (id, seq, date, end_date, symbol, text, author, created_at, updated_at)
        values ((select coalesce(max(used), 0) + 1 from (
                    select max(id) as used from annotations union all select max(annotation_id) from annotation_changes) ids),
            @Seq, @Date, @EndDate, @Symbol, @Text, @Author, @CreatedAt, @UpdatedAt)
        returning id
        """;

    private const string UpdateSql = """
        update annotations set seq = @Seq, date = @Date, end_date = @EndDate, symbol = @Symbol, text = @Text, updated_at = @UpdatedAt
        where id = @Id
        """;

    private const string DeleteSql = "delete from annotations where id = @id";

    private const string OwnSql = "update annotations set author_id = @authorId where id = @id";

    private const string OwnerSql = "select author as Name, author_id as Id from annotations where id = @id";

    private const string LogSql = """
        insert into annotation_changes (seq, kind, annotation_id, date, end_date, symbol, text, author, created_at, updated_at, changed_by, changed_at)
        values (@Seq, @Kind, @Id, @Date, @EndDate, @Symbol, @Text, @Author, @CreatedAt, @UpdatedAt, @ChangedBy, @ChangedAt)
        """;

    private const string ChangesSql = """
        select seq, kind, annotation_id as Id, date, end_date as EndDate, symbol, text, author,
            created_at as CreatedAt, updated_at as UpdatedAt
        from annotation_changes where seq > @afterSeq order by seq
        """;

    private const string HistorySql = """
        select seq, kind, annotation_id as Id, date, end_date as EndDate, symbol, text, author,
            created_at as CreatedAt, updated_at as UpdatedAt, changed_by as ChangedBy, changed_at as ChangedAt
        from annotation_changes where annotation_id = @id order by seq
        """;

    private const string LastSeqSql = "select coalesce(max(seq), 0) from annotation_changes";

    /// <summary>What a redacted text reads everywhere, the live row and every earlier version alike.</summary>
    public const string RedactedText = "[redacted]";

    private const string VersionsSql = "select count(*) from annotation_changes where annotation_id = @id";

    private const string RedactVersionsSql = "update annotation_changes set text = @text where annotation_id = @id";

    private const string RedactLiveSql = "update annotations set seq = @Seq, text = @Text, updated_at = @UpdatedAt where id = @Id";

    public async Task<IReadOnlyList<Annotation>> ListAsync(DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<Annotation>(ListSql, new { from, to })];
    }

    /// <summary>As <see cref="ListAsync"/>, read row by row while the answer is written: however many there are, none is held.</summary>
    public async IAsyncEnumerable<Annotation> StreamAsync(DateOnly? from, DateOnly? to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await foreach (var annotation in connection.QueryUnbufferedAsync<Annotation>(ListSql, new { from, to }).WithCancellation(cancellationToken))
        {
            yield return annotation;
        }
    }

    public async Task<Annotation?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Annotation>(ByIdSql, new { id });
    }

    public async Task<long> LastSeqAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(LastSeqSql);
    }

    /// <summary>Every change after <paramref name="afterSeq"/>, in order, read row by row while the answer is written: a client that was away for long gets the whole log without the server holding it.</summary>
    public async IAsyncEnumerable<AnnotationChange> StreamChangesAsync(long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await foreach (var r in connection.QueryUnbufferedAsync<ChangeRow>(ChangesSql, new { afterSeq }).WithCancellation(cancellationToken))
        {
            yield return new AnnotationChange(r.Seq, r.Kind, new Annotation(r.Id, r.Seq, r.Date, r.EndDate, r.Symbol, r.Text, r.Author, r.CreatedAt, r.UpdatedAt));
        }
    }

    /// <summary>The audit trail: who changed the annotation when, with its state before and after.</summary>
    public async Task<IReadOnlyList<AnnotationAudit>> HistoryAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<AuditRow>(HistorySql, new { id })).ToList();
        var history = new List<AnnotationAudit>();
        Annotation? before = null;
        foreach (var r in rows)
        {
            var state = new Annotation(r.Id, r.Seq, r.Date, r.EndDate, r.Symbol, r.Text, r.Author, r.CreatedAt, r.UpdatedAt);
            var after = r.Kind == "deleted" ? null : state;
            history.Add(new AnnotationAudit(r.Seq, r.Kind, r.ChangedBy, r.ChangedAt, before, after));
            before = after;
        }
        return history;
    }

    /// <summary>Who owns the annotation: the author's name as shown, and their account's id (null once that account is gone).</summary>
    public async Task<AnnotationOwner?> OwnerAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AnnotationOwner>(OwnerSql, new { id });
    }

    /// <param name="authorId">The author's account: ownership goes by id, never by a name that may be given again.</param>
    public async Task<Annotation> AddAsync(ValidAnnotation input, string author, long? authorId, CancellationToken cancellationToken = default) =>
        (await AddAsync(input, author, authorId, null, cancellationToken)).Annotation;

    /// <summary>
    /// As <see cref="AddAsync(ValidAnnotation, string, long?, CancellationToken)"/>, once per <paramref name="key"/>: a
    /// key its owner used before (within its lifetime) stores nothing and gives the annotation as that first write made it.
    /// </summary>
    public async Task<(Annotation Annotation, bool Repeated)> AddAsync(ValidAnnotation input, string author, long? authorId, IdempotencyKey? key,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var seq = await NextSeqAsync(connection, transaction);
        var now = Now();
        // Under the writers' lock, so two retries racing with one key cannot both store.
        if (key is not null && await AnnotationIdempotency.FirstAnswerAsync(connection, transaction, key, now) is { } first)
        {
            return (first, true);
        }
        var draft = new Annotation(0, seq, input.Date, input.EndDate, input.Symbol, input.Text, author, now, now);
        var id = await connection.ExecuteScalarAsync<long>(InsertSql, draft, transaction);
        var annotation = draft with { Id = id };
        await connection.ExecuteAsync(OwnSql, new { id, authorId }, transaction);
        await LogAsync(connection, transaction, "added", annotation, author, now);
        if (key is not null)
        {
            await AnnotationIdempotency.RememberAsync(connection, transaction, key, id, now);
        }
        await transaction.CommitAsync(cancellationToken);
        await outbox.CommittedAsync(connection);
        logger.AnnotationWritten(annotation.Id, "added", author, seq);
        return (annotation, false);
    }

    public async Task<Annotation?> UpdateAsync(long id, ValidAnnotation input, string editor, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Read under the writers' lock: a delete that committed while this waited is seen, and nothing is logged after it.
        var seq = await NextSeqAsync(connection, transaction);
        var current = await connection.QuerySingleOrDefaultAsync<Annotation>(ByIdSql, new { id }, transaction);
        if (current is null)
        {
            return null;
        }
        var now = Now();
        var updated = current with
        {
            Seq = seq,
            Date = input.Date,
            EndDate = input.EndDate,
            Symbol = input.Symbol,
            Text = input.Text,
            UpdatedAt = now,
        };
        if (await connection.ExecuteAsync(UpdateSql, updated, transaction) != 1)
        {
            return null;
        }
        await LogAsync(connection, transaction, "updated", updated, editor, now);
        await transaction.CommitAsync(cancellationToken);
        await outbox.CommittedAsync(connection);
        logger.AnnotationWritten(id, "updated", editor, updated.Seq);
        return updated;
    }

    public async Task<AnnotationDeleted?> DeleteAsync(long id, string editor, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var seq = await NextSeqAsync(connection, transaction);
        var current = await connection.QuerySingleOrDefaultAsync<Annotation>(ByIdSql, new { id }, transaction);
        if (current is null || await connection.ExecuteAsync(DeleteSql, new { id }, transaction) != 1)
        {
            return null;
        }
        await LogAsync(connection, transaction, "deleted", current with { Seq = seq }, editor, Now());
        await transaction.CommitAsync(cancellationToken);
        await outbox.CommittedAsync(connection);
        logger.AnnotationWritten(id, "deleted", editor, seq);
        return new AnnotationDeleted(id, seq);
    }

    /// <summary>
    /// An admin blanks the text of every version of an annotation, deleted ones too; the audit log says who did it and
    /// when. A live annotation's redaction is itself a change (a new seq), so every viewer's copy is replaced.
    /// </summary>
    /// <returns>Null when no annotation ever had that id.</returns>
    public async Task<AnnotationRedacted?> RedactAsync(long id, string admin, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var seq = await NextSeqAsync(connection, transaction);
        var versions = await connection.ExecuteScalarAsync<long>(VersionsSql, new { id }, transaction);
        if (versions == 0)
        {
            return null;
        }
        var now = Now();
        await connection.ExecuteAsync(RedactVersionsSql, new { id, text = RedactedText }, transaction);
        var current = await connection.QuerySingleOrDefaultAsync<Annotation>(ByIdSql, new { id }, transaction);
        var redacted = current is null ? null : current with { Seq = seq, Text = RedactedText, UpdatedAt = now };
        if (redacted is not null)
        {
            await connection.ExecuteAsync(RedactLiveSql, redacted, transaction);
            await LogAsync(connection, transaction, "updated", redacted, admin, now);
        }
        await Auth.AuditLog.RecordAsync(connection, transaction, now, admin, "annotation redacted",
            $"annotation {id}", $"text of {versions} version(s) redacted{(redacted is null ? ", deleted before" : "")}");
        await transaction.CommitAsync(cancellationToken);
        await outbox.CommittedAsync(connection);
        logger.AnnotationWritten(id, "redacted", admin, redacted?.Seq ?? 0);
        return new AnnotationRedacted(id, versions, admin, now, redacted);
    }

    // SQLite's single writer lock already orders the writers; on PostgreSQL every instance takes the same
    // advisory lock first, so two transactions never read the same max(seq) and seqs stay unique and gap-free.
    private async Task<long> NextSeqAsync(DbConnection connection, DbTransaction transaction)
    {
        if (db.Dialect.TransactionLock(SqlDialect.LockKey.AnnotationSeq) is { } lockSql)
        {
            await connection.ExecuteAsync(lockSql, transaction: transaction);
        }
        return await connection.ExecuteScalarAsync<long>(NextSeqSql, transaction: transaction);
    }

    // Every logged change is told to the viewers: its outbox row commits with it or not at all.
    private async Task LogAsync(DbConnection connection, DbTransaction transaction, string kind, Annotation a, string changedBy, DateTime changedAt)
    {
        await connection.ExecuteAsync(LogSql, new { a.Seq, Kind = kind, a.Id, a.Date, a.EndDate, a.Symbol, a.Text, a.Author, a.CreatedAt, a.UpdatedAt, ChangedBy = changedBy, ChangedAt = changedAt }, transaction);
        await outbox.AddAsync(connection, transaction, a.Seq);
    }

    // Whole milliseconds, so what is stored as text reads back equal.
    private DateTime Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    private sealed record AuditRow(long Seq, string Kind, long Id, DateOnly Date, DateOnly? EndDate, string? Symbol, string Text, string Author, DateTime CreatedAt, DateTime UpdatedAt, string ChangedBy, DateTime ChangedAt);

    private sealed record ChangeRow(long Seq, string Kind, long Id, DateOnly Date, DateOnly? EndDate, string? Symbol, string Text, string Author, DateTime CreatedAt, DateTime UpdatedAt);
}
