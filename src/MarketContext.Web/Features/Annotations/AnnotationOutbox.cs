using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using MarketContext.Web.Data;

namespace MarketContext.Web.Features.Annotations;

/// <summary>
/// The change log as the live viewers are told it, and the changes the other instances are still to hear of. A row is
/// written in the transaction that stores the change, so a change is either stored and will be announced, or neither;
/// <see cref="AnnotationRelay"/> announces it after the commit and deletes the row. Each row names the instance that
/// wrote it, which announces it; a row whose claim has run out (its writer stopped) is taken over by another.
/// </summary>
public sealed class AnnotationOutbox(Db db, TimeProvider clock)
{
    /// <summary>How long a writer's claim on its rows lasts before another instance may relay them.</summary>
    public static readonly TimeSpan Claim = TimeSpan.FromSeconds(30);

    private const string AddSql = """
        insert into annotation_outbox (seq, trace_parent, relayed_by, written_at, claimed_until)
        values (@seq, @traceParent, @instance, @now, @claimedUntil)
        """;

    // The changes as the log holds them now (a redaction made since is what the viewers are told), with the trace and
    // time of the write while its outbox row is still there.
    private const string ChangesAfterSql = """
        select c.seq, o.trace_parent as TraceParent, o.written_at as WrittenAt, c.kind,
            c.annotation_id as Id, c.date, c.end_date as EndDate, c.symbol, c.text, c.author, c.created_at as CreatedAt, c.updated_at as UpdatedAt
        from annotation_changes c left join annotation_outbox o on o.seq = c.seq
        where c.seq > @after
        order by c.seq
        limit 100
        """;

    private const string LastSeqSql = "select coalesce(max(seq), 0) from annotation_changes";

    private const string FirstWaitingSql = "select min(seq) from annotation_outbox";

    private const string WaitingSql = """
        select seq, relayed_by as RelayedBy, trace_parent as TraceParent from annotation_outbox
        where relayed_by = @instance or claimed_until < @now
        order by seq
        limit 100
        """;

    private const string TakeOverSql = """
        update annotation_outbox set relayed_by = @instance, claimed_until = @claimedUntil
        where seq = @seq and relayed_by = @from and claimed_until < @now
        """;

    private const string DoneSql = "delete from annotation_outbox where seq <= @upTo and relayed_by = @instance";

    private readonly Channel<bool> _written = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>This instance, as its rows name it.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    /// <summary>In the change's transaction: the change at <paramref name="seq"/> is to be told, in the trace of the request that made it.</summary>
    public Task AddAsync(DbConnection connection, DbTransaction transaction, long seq)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var traceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;
        return connection.ExecuteAsync(AddSql, new { seq, traceParent, instance = Instance, now, claimedUntil = now + (long)Claim.TotalMilliseconds }, transaction);
    }

    /// <summary>
    /// After a commit: the write's connection goes back to the pool (its span ends before the broadcast's begins), and the
    /// relay looks at once instead of at its next round.
    /// </summary>
    public async Task CommittedAsync(DbConnection connection)
    {
        await connection.CloseAsync();
        _written.Writer.TryWrite(true);
    }

    /// <summary>The relay is to look at once: something was stored here or elsewhere.</summary>
    public void Nudge() => _written.Writer.TryWrite(true);

    /// <summary>Until something is written here, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _written.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A round of its own: rows another instance left behind.
        }
    }

    /// <summary>
    /// Where this instance's relay starts: at the last stored change, or before the first still waiting to be told,
    /// so a change stored just before it started is told too.
    /// </summary>
    public async Task<long> StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var last = await connection.ExecuteScalarAsync<long>(LastSeqSql);
        var firstWaiting = await connection.ExecuteScalarAsync<long?>(FirstWaitingSql);
        return firstWaiting is { } first ? Math.Min(last, first - 1) : last;
    }

    /// <summary>The stored changes after <paramref name="after"/>, in seq order, at most 100.</summary>
    public async Task<IReadOnlyList<PendingChange>> ChangesAfterAsync(long after, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<PendingChange>(ChangesAfterSql, new { after })];
    }

    /// <summary>This instance's rows and those whose claim ran out, in seq order: changes the other instances are still to hear of.</summary>
    public async Task<IReadOnlyList<WaitingRow>> WaitingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<WaitingRow>(WaitingSql, new { instance = Instance, now = clock.GetUtcNow().ToUnixTimeMilliseconds() })];
    }

    /// <summary>Takes over a row another instance claimed and left; false when someone else took it first.</summary>
    public async Task<bool> TakeOverAsync(WaitingRow row, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(TakeOverSql,
            new { row.Seq, instance = Instance, from = row.RelayedBy, now, claimedUntil = now + (long)Claim.TotalMilliseconds }) == 1;
    }

    /// <summary>This instance's rows up to <paramref name="upTo"/> are told.</summary>
    public async Task DoneAsync(long upTo, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(DoneSql, new { upTo, instance = Instance });
    }
}

/// <summary>An outbox row: a change the other instances are still to hear of, and the instance that tells them.</summary>
public sealed record WaitingRow(long Seq, string RelayedBy, string? TraceParent);

/// <summary>A stored change as the log holds it, with its write's trace and time while its outbox row is there.</summary>
public sealed record PendingChange(long Seq, string? TraceParent, long? WrittenAt, string Kind, long Id, DateOnly Date, DateOnly? EndDate,
    string? Symbol, string Text, string Author, DateTime CreatedAt, DateTime UpdatedAt)
{
    public Annotation Annotation => new(Id, Seq, Date, EndDate, Symbol, Text, Author, CreatedAt, UpdatedAt);
}
