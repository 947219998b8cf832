using System.Diagnostics;
using MarketContext.Web.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Annotations;

/// <summary>
/// Tells the live viewers every stored change, in seq order, after its commit and outside the request that made it: a
/// write answers as soon as it is stored, whatever Redis or a viewer does. A send that fails (Redis down) is tried
/// again, with growing pauses, until it is handed over; only then is its outbox row deleted, so no change is lost (one
/// may be told twice, which clients know by its seq). A viewer that does not take a message within
/// <c>MarketContext:Live:SendSeconds</c> is disconnected (it catches up from the changes feed when it reconnects);
/// the others are not made to wait for it.
/// </summary>
public sealed class AnnotationRelay(AnnotationOutbox outbox, HubLifetimeManager<AnnotationHub> viewers, IAnnotationWatchers watchers,
    IOptions<MarketContextOptions> options, TimeProvider clock, MarketContextMetrics metrics, ILogger<AnnotationRelay> logger) : BackgroundService
{
    /// <summary>How often the relay looks for rows another instance left, when nothing was written here.</summary>
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    /// <summary>Long enough for every instance's Redis connection to subscribe again after Redis came back.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMilliseconds(100);
        var recovering = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var told = await RelayAsync(stoppingToken);
                if (recovering && told.Count > 0 && options.Value.Redis is { Length: > 0 })
                {
                    // Redis hands a publish only to the subscriptions it has: what was published as it came back, before
                    // the instances subscribed again, reached nobody. Say it again once they surely have (clients ignore
                    // a seq they hold).
                    await Task.Delay(Settle, stoppingToken);
                    foreach (var change in told)
                    {
                        await TellAsync(change, sendMarks: false, repeat: true);
                    }
                }
                recovering = false;
                pause = TimeSpan.FromMilliseconds(100);
                await outbox.WaitAsync(Round, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                recovering = true;
                logger.LogWarning("Annotation changes could not be told to the live viewers ({Error}); trying again in {Pause} ms.", e.GetType().Name, pause.TotalMilliseconds);
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

    /// <summary>Every pending change, until none is left; throws at the first that cannot be handed over, which stays for the next try.</summary>
    private async Task<List<PendingChange>> RelayAsync(CancellationToken cancellationToken)
    {
        var told = new List<PendingChange>();
        while (await outbox.PendingAsync(cancellationToken) is { Count: > 0 } pending)
        {
            var marksSent = false;
            foreach (var change in pending)
            {
                if (change.RelayedBy != outbox.Instance && !await outbox.TakeOverAsync(change, cancellationToken))
                {
                    continue;
                }
                await TellAsync(change, sendMarks: !marksSent, repeat: false);
                marksSent = true;
                await outbox.DoneAsync(change.Seq, cancellationToken);
                told.Add(change);
            }
        }
        return told;
    }

    /// <summary>
    /// The marks of each watched view first, so a page's chart shows the change on the first message it handles, then the
    /// change itself. Its spans sit in the trace of the request that made the change.
    /// </summary>
    private async Task TellAsync(PendingChange change, bool sendMarks, bool repeat)
    {
        var parent = ActivityContext.TryParse(change.TraceParent, null, out var context) ? context : default;
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
        using (var publish = MarketContextTracing.Source.StartActivity("AnnotationHub send", ActivityKind.Producer))
        {
            var redis = options.Value.Redis is { Length: > 0 };
            // With a backplane the send is a publish to Redis, which every instance hands to its own viewers.
            publish?.SetTag("messaging.system", redis ? "redis" : "signalr")
                .SetTag("messaging.destination.name", AnnotationHub.Path).SetTag("messaging.operation.type", "send");
            var deadline = new CancellationTokenSource(sendTime);
            var send = change.Kind switch
            {
                "added" => viewers.SendAllAsync(IAnnotationClient.Added, [change.Annotation], deadline.Token),
                "updated" => viewers.SendAllAsync(IAnnotationClient.Updated, [change.Annotation], deadline.Token),
                _ => viewers.SendAllAsync(IAnnotationClient.Deleted, [new AnnotationDeleted(change.Id, change.Seq)], deadline.Token),
            };
            if (redis)
            {
                // The publish is what may fail and must be tried again; Redis's subscribers write to the viewers.
                using (deadline)
                {
                    // A publish queued while the connection is away may wait past its own timeout: give up on it, try again.
                    await send.WaitAsync(sendTime + TimeSpan.FromSeconds(5));
                }
            }
            else
            {
                // Every viewer's write has begun in seq order; only a stuck one is still pending, and its deadline ends it.
                _ = send.ContinueWith(sent =>
                {
                    deadline.Dispose();
                    if (sent.Exception is not null || sent.IsCanceled)
                    {
                        logger.LogDebug("A live viewer did not take annotation change {Seq} in time and was disconnected.", change.Seq);
                    }
                }, TaskScheduler.Default);
            }
        }
        if (repeat)
        {
            return;
        }
        metrics.AnnotationBroadcast(change.Kind, TimeSpan.FromMilliseconds(Math.Max(0, clock.GetUtcNow().ToUnixTimeMilliseconds() - change.WrittenAt)));
    }
}
