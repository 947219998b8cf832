using System.Diagnostics;
using MarketContext.Web.Telemetry;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Annotations;

/// <summary>
/// Tells this instance's live viewers every stored change, in seq order and each once, after its commit and outside the
/// request that made it: a write answers as soon as it is stored, whatever Redis or a viewer does. Each instance reads
/// the shared change log itself and remembers how far it has told it, so an instance whose Redis subscription was away
/// tells its viewers what they missed when it next looks (at once when Redis comes back, else within a round), and a
/// change is never told twice. Redis only carries the nudge that something was stored
/// (<see cref="AnnotationWakeups"/>); an outbox row stays until that nudge is handed to Redis, tried again with
/// growing pauses while it is down. A viewer that takes nothing for <c>MarketContext:Live:SendSeconds</c> is
/// disconnected (it catches up from the changes feed when it reconnects); the others are not made to wait for it.
/// </summary>
public sealed class AnnotationRelay(AnnotationOutbox outbox, AnnotationViewers viewers, IAnnotationWatchers watchers, AnnotationWakeups wakeups,
    IOptions<MarketContextOptions> options, TimeProvider clock, MarketContextMetrics metrics, ILogger<AnnotationRelay> logger) : BackgroundService
{
    /// <summary>How often the relay reads the log unnudged: changes whose nudge was lost, rows another instance left.</summary>
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMilliseconds(100);
        long? told = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                told ??= await outbox.StartAsync(stoppingToken);
                told = await TellHereAsync(told.Value, stoppingToken);
                await wakeups.ListenAsync(stoppingToken);
                await AnnounceAsync(told.Value, stoppingToken);
                pause = TimeSpan.FromMilliseconds(100);
                await outbox.WaitAsync(Round, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning("Annotation changes could not be told or announced ({Error}); trying again in {Pause} ms.", e.GetType().Name, pause.TotalMilliseconds);
                try
                {
                    await Task.Delay(pause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }

    /// <summary>Every stored change after <paramref name="told"/> to this instance's viewers; answers the last one told.</summary>
    private async Task<long> TellHereAsync(long told, CancellationToken cancellationToken)
    {
        while (await outbox.ChangesAfterAsync(told, cancellationToken) is { Count: > 0 } changes)
        {
            var marksSent = false;
            foreach (var change in changes)
            {
                await TellAsync(change, sendMarks: !marksSent);
                marksSent = true;
                told = change.Seq;
            }
        }
        return told;
    }

    /// <summary>
    /// The other instances hear that changes were stored here (or by an instance that stopped); only then do the rows go,
    /// and only those of changes told here already (a row carries its write's trace to the viewers' span).
    /// </summary>
    private async Task AnnounceAsync(long told, CancellationToken cancellationToken)
    {
        if ((await outbox.WaitingAsync(cancellationToken)).Where(r => r.Seq <= told).ToList() is not { Count: > 0 } waiting)
        {
            return;
        }
        foreach (var row in waiting.Where(r => r.RelayedBy != outbox.Instance))
        {
            await outbox.TakeOverAsync(row, cancellationToken);
        }
        var upTo = waiting[^1].Seq;
        if (wakeups.Enabled)
        {
            // In the trace of the request that made the last of them.
            var parent = ActivityContext.TryParse(waiting[^1].TraceParent, null, out var context) ? context : default;
            using var publish = MarketContextTracing.Source.StartActivity("annotation announce", ActivityKind.Producer, parent);
            publish?.SetTag("messaging.system", "redis").SetTag("messaging.operation.type", "send");
            await wakeups.AnnounceAsync(upTo, publish?.Id, TimeSpan.FromSeconds(options.Value.Live.SendSeconds));
        }
        await outbox.DoneAsync(upTo, cancellationToken);
    }

    /// <summary>
    /// The marks of each watched view first, so a page's chart shows the change on the first message it handles, then the
    /// change itself. Its spans sit in the trace of the request that made the change, when this instance made it.
    /// </summary>
    private async Task TellAsync(PendingChange change, bool sendMarks)
    {
        // Told after another instance's nudge: a child of its announce (by now the write's outbox row may be gone).
        var traceParent = wakeups.TraceOf(change.Seq) ?? change.TraceParent;
        var parent = ActivityContext.TryParse(traceParent, null, out var context) ? context : default;
        using var broadcast = MarketContextTracing.Source.StartActivity("annotation broadcast", ActivityKind.Internal, parent);
        broadcast?.SetTag(MarketContextMetrics.ChangeKind, change.Kind);
        var sendTime = TimeSpan.FromSeconds(options.Value.Live.SendSeconds);
        if (sendMarks)
        {
            using (MarketContextTracing.Source.StartActivity("annotation marks"))
            {
                using var marksDeadline = new CancellationTokenSource(sendTime);
                await watchers.ChangedAsync(marksDeadline.Token);
            }
        }
        using (var send = MarketContextTracing.Source.StartActivity("AnnotationHub send", ActivityKind.Producer))
        {
            send?.SetTag("messaging.system", "signalr").SetTag("messaging.destination.name", AnnotationHub.Path).SetTag("messaging.operation.type", "send");
            var sent = change.Kind switch
            {
                "added" => viewers.SendHereAsync(IAnnotationClient.Added, [change.Annotation]),
                "updated" => viewers.SendHereAsync(IAnnotationClient.Updated, [change.Annotation]),
                _ => viewers.SendHereAsync(IAnnotationClient.Deleted, [new AnnotationDeleted(change.Id, change.Seq)]),
            };
            // Each viewer's write has begun in seq order: what one cannot take waits in its own queue, bounded in time.
            _ = sent.ContinueWith(s => logger.LogDebug(s.Exception, "A live viewer was not told annotation change {Seq}.", change.Seq),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        if (change.WrittenAt is { } writtenAt)
        {
            metrics.AnnotationBroadcast(change.Kind, TimeSpan.FromMilliseconds(Math.Max(0, clock.GetUtcNow().ToUnixTimeMilliseconds() - writtenAt)));
        }
    }
}
