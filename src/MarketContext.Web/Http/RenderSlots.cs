using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Http;

/// <summary>
/// The few pictures drawn at once. Memory grows with the pictures being drawn, not with those waiting, so the
/// wait may be long-ish and the line longer: a request waits up to <c>MarketContext:RenderQueueSeconds</c> behind
/// at most <c>MarketContext:RenderQueueLimit</c> others, then gets 503 with <c>Retry-After</c>.
/// </summary>
public sealed class RenderSlots
{
    public const int RetryAfterSeconds = 2;

    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _wait;
    private readonly int _queueLimit;
    private int _waiting;

    public RenderSlots(IOptions<MarketContextOptions> options)
    {
        var settings = options.Value;
        // One core stays free of drawing, for /healthz, pages and every cheap request.
        var count = settings.RenderConcurrency > 0 ? settings.RenderConcurrency : Math.Max(1, Environment.ProcessorCount - 1);
        _slots = new SemaphoreSlim(count, count);
        _wait = TimeSpan.FromSeconds(settings.RenderQueueSeconds);
        _queueLimit = settings.RenderQueueLimit;
    }

    /// <summary>Runs <paramref name="draw"/> in a slot, or answers 503 when none frees up in time.</summary>
    public async ValueTask<object?> DrawAsync(HttpContext context, Func<ValueTask<object?>> draw) =>
        // Boxed: the endpoint's own answer may be null, which is not "no slot".
        await TryDrawAsync(async () => new StrongBox<object?>(await draw()), context.RequestAborted) is { } drawn ? drawn.Value : Busy(context);

    /// <summary>Runs <paramref name="draw"/> in a slot; null when none frees up in time.</summary>
    public async Task<T?> TryDrawAsync<T>(Func<Task<T>> draw, CancellationToken cancellationToken) where T : class
    {
        if (!await EnterAsync(cancellationToken))
        {
            return null;
        }
        try
        {
            return await draw();
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>The answer when no slot freed up in time: 503 with <c>Retry-After</c>.</summary>
    public static IResult Busy(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(title: "The server is busy drawing", statusCode: StatusCodes.Status503ServiceUnavailable,
            detail: $"Every drawing slot is taken and the line behind them is full; try again in {RetryAfterSeconds} s.");
    }

    private async Task<bool> EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return true;
        }
        if (Interlocked.Increment(ref _waiting) > _queueLimit)
        {
            Interlocked.Decrement(ref _waiting);
            return false;
        }
        try
        {
            return await _slots.WaitAsync(_wait, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }
}
