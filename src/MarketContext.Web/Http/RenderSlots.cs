using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using MarketContext.Web.Telemetry;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Http;

/// <summary>
/// The few pictures drawn at once. Memory grows with the pictures being drawn, not with those waiting, so the
/// wait may be long-ish and the line longer: a request waits up to <c>MarketContext:RenderQueueSeconds</c> behind
/// at most <c>MarketContext:RenderQueueLimit</c> others, then gets 503 with <c>Retry-After</c>. The slots and the
/// line are the platform's <see cref="ConcurrencyLimiter"/>; the wait is bounded by cancelling it.
/// </summary>
public sealed class RenderSlots : IDisposable
{
    public const int RetryAfterSeconds = 2;

    // Oldest first: a request that has waited longest draws next, and a cancelled one leaves the line at once.
    private readonly ConcurrencyLimiter _slots;
    private readonly TimeSpan _wait;
    private readonly TimeProvider _clock;
    private readonly MarketContextMetrics _metrics;

    public RenderSlots(IOptions<MarketContextOptions> options, TimeProvider clock, MarketContextMetrics metrics)
    {
        var settings = options.Value;
        // One core stays free of drawing, for /healthz, pages and every cheap request.
        var count = settings.RenderConcurrency > 0 ? settings.RenderConcurrency : Math.Max(1, Environment.ProcessorCount - 1);
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = count,
            QueueLimit = settings.RenderQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _wait = TimeSpan.FromSeconds(settings.RenderQueueSeconds);
        _clock = clock;
        _metrics = metrics;
    }

    /// <summary>Runs <paramref name="draw"/> in a slot, or answers 503 when none frees up in time.</summary>
    public async ValueTask<object?> DrawAsync(HttpContext context, Func<ValueTask<object?>> draw) =>
        // Boxed: the endpoint's own answer may be null, which is not "no slot".
        await TryDrawAsync(async () => new StrongBox<object?>(await draw()), context.RequestAborted) is { } drawn ? drawn.Value : Busy(context);

    /// <summary>Runs <paramref name="draw"/> in a slot; null when none frees up in time.</summary>
    public async Task<T?> TryDrawAsync<T>(Func<Task<T>> draw, CancellationToken cancellationToken) where T : class
    {
        using var lease = await EnterAsync(cancellationToken);
        if (!lease.IsAcquired)
        {
            return null;
        }
        var started = Stopwatch.GetTimestamp();
        var drawn = await draw();
        _metrics.PictureDrawn(MarketContextMetrics.Since(started));
        return drawn;
    }

    /// <summary>The answer when no slot freed up in time: 503 with <c>Retry-After</c>.</summary>
    public static IResult Busy(HttpContext context)
    {
        context.RequestServices.GetRequiredService<MarketContextMetrics>().PictureRefused(StatusCodes.Status503ServiceUnavailable);
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(title: "The server is busy drawing", statusCode: StatusCodes.Status503ServiceUnavailable,
            detail: $"Every drawing slot is taken and the line behind them is full; try again in {RetryAfterSeconds} s.");
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>A slot, or a lease not acquired when the line is full or the wait ran out.</summary>
    private async ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken)
    {
        var free = _slots.AttemptAcquire();
        if (free.IsAcquired)
        {
            return free;
        }
        using var waitedTooLong = new CancellationTokenSource(_wait, _clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, waitedTooLong.Token);
        var queued = Stopwatch.GetTimestamp();
        _metrics.QueueEntered();
        var lease = free;
        try
        {
            // Answers at once, not acquired, when the line is already full.
            lease = await _slots.AcquireAsync(1, either.Token);
            return lease;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return free;
        }
        finally
        {
            _metrics.QueueLeft(MarketContextMetrics.Since(queued), lease.IsAcquired);
        }
    }
}
