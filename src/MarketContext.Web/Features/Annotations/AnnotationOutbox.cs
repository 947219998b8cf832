using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using MarketContext.Web.Data;

namespace MarketContext.Web.Features.Annotations;

/// <summary>
/// The changes still to be told to the live viewers. A row is written in the transaction that stores the change, so a
/// change is either stored and will be told, or neither; <see cref="AnnotationRelay"/> tells it after the commit and
/// deletes the row. Each row names the instance that wrote it, which relays it; a row whose claim has run out (its
/// writer stopped) is taken over by another.
/// </summary>
public sealed class AnnotationOutbox(Db db, TimeProvider clock)
{
    /// <summary>How long a writer's claim on its rows lasts before another instance may relay them.</summary>
    public static readonly TimeSpan Claim = TimeSpan.FromSeconds(30);

    private const string AddSql = """
        insert into annotation_outbox (seq, trace_parent, relayed_by, written_at, claimed_until)
        values (@seq, @traceParent, @instance, @now, @claimedUntil)
        """;

    // The change as the log holds it now: a redaction made since is what the viewers are told.
    private const string PendingSql = """
        select o.seq, o.trace_parent as TraceParent, o.relayed_by as RelayedBy, o.written_at as WrittenAt, c.kind,
            c.annotation_id as Id, c.date, c.end_date as EndDate, c.symbol, c.text, c.author, c.created_at as CreatedAt, c.updated_at as UpdatedAt
        from annotation_outbox o join annotation_changes c on c.seq = o.seq
        where o.relayed_by = @instance or o.claimed_until < @now
        order by o.seq
        limit 100
        """;

    private const string TakeOverSql = """
        update annotation_outbox set relayed_by = @instance, claimed_until = @claimedUntil
        where seq = @seq and relayed_by = @from and claimed_until < @now
        """;

    private const string DoneSql = "delete from annotation_outbox where seq = @seq and relayed_by = @instance";

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

    /// <summary>This instance's rows and those whose claim ran out, in seq order.</summary>
    public async Task<IReadOnlyList<PendingChange>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<PendingChange>(PendingSql, new { instance = Instance, now = clock.GetUtcNow().ToUnixTimeMilliseconds() })];
    }

    /// <summary>Takes over a row another instance claimed and left; false when someone else took it first.</summary>
    public async Task<bool> TakeOverAsync(PendingChange change, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(TakeOverSql,
            new { change.Seq, instance = Instance, from = change.RelayedBy, now, claimedUntil = now + (long)Claim.TotalMilliseconds }) == 1;
    }

    public async Task DoneAsync(long seq, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(DoneSql, new { seq, instance = Instance });
    }
}

/// <summary>A change still to be told, as the change log holds it.</summary>
public sealed record PendingChange(long Seq, string? TraceParent, string RelayedBy, long WrittenAt, string Kind, long Id, DateOnly Date, DateOnly? EndDate,
    string? Symbol, string Text, string Author, DateTime CreatedAt, DateTime UpdatedAt)
{
    public Annotation Annotation => new(Id, Seq, Date, EndDate, Symbol, Text, Author, CreatedAt, UpdatedAt);
}
