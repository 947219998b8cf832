using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MarketContext.Web.Features.Annotations;

/// <summary>
/// With several instances on one Redis: an instance that stored changes says so on a channel, and every instance's
/// relay then reads the change log at once instead of at its next round. Only a nudge: what is told comes from the
/// database, so a nudge lost while Redis was away costs time, never a change. When this instance's subscription comes
/// back after an outage, its relay looks at once too. The nudge carries the trace of its announce, so the other
/// instances tell their viewers in the trace of the request that made the change.
/// </summary>
public sealed class AnnotationWakeups(IOptions<MarketContextOptions> options, AnnotationOutbox outbox, ILogger<AnnotationWakeups> logger) : IAsyncDisposable
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("marketcontext:annotations:changed");

    private const int KeptTraces = 256;

    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly ConcurrentDictionary<long, string> _traces = new();
    private ConnectionMultiplexer? _redis;
    private bool _subscribed;

    public bool Enabled => options.Value.Redis is { Length: > 0 };

    /// <summary>Whether this instance hears the others' nudges.</summary>
    public bool Listening => _subscribed;

    /// <summary>Connects and subscribes, once; throws while Redis cannot be reached, to be called again.</summary>
    public async Task ListenAsync(CancellationToken cancellationToken)
    {
        if (!Enabled || _subscribed)
        {
            return;
        }
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_redis is null)
            {
                var configuration = ConfigurationOptions.Parse(options.Value.Redis!);
                configuration.AbortOnConnectFail = false;
                _redis = await ConnectionMultiplexer.ConnectAsync(configuration);
                _redis.ConnectionRestored += (_, e) =>
                {
                    if (e.ConnectionType == ConnectionType.Subscription)
                    {
                        logger.LogInformation("Redis is back: the annotation relay reads what it may not have been told meanwhile.");
                        outbox.Nudge();
                    }
                };
            }
            if (!_subscribed)
            {
                await _redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Heard(message)).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                _subscribed = true;
                // Whatever was stored before the subscription took hold.
                outbox.Nudge();
            }
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>
    /// Tells the other instances that changes up to <paramref name="seq"/> are stored, from within the trace
    /// <paramref name="traceParent"/> (W3C), if any; throws when Redis does not take it in time.
    /// </summary>
    public async Task AnnounceAsync(long seq, string? traceParent, TimeSpan timeout)
    {
        if (_redis is null)
        {
            throw new InvalidOperationException("Not connected to Redis yet.");
        }
        var message = traceParent is null ? seq.ToString(CultureInfo.InvariantCulture) : $"{seq.ToString(CultureInfo.InvariantCulture)} {traceParent}";
        await _redis.GetSubscriber().PublishAsync(Channel, message).WaitAsync(timeout);
    }

    /// <summary>The trace a nudge for change <paramref name="seq"/> came in, once; null when none was heard.</summary>
    public string? TraceOf(long seq) => _traces.TryRemove(seq, out var traceParent) ? traceParent : null;

    // Remembered before the relay is nudged, so the relay finds it when it tells the change.
    private void Heard(RedisValue message)
    {
        var parts = ((string?)message ?? "").Split(' ', 2);
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            if (_traces.Count >= KeptTraces)
            {
                _traces.Clear();
            }
            _traces[seq] = parts[1];
        }
        outbox.Nudge();
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        _connecting.Dispose();
    }
}
