using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using MarketContext.Web.Telemetry;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Http;

/// <summary>
/// The few pictures drawn at once. Memory grows with the pictures being drawn, not with those waiting, so the
/// wait may be long-ish and the line longer: a request waits up to <c>MarketContext:RenderQueueSeconds</c> behind
/// at most <c>MarketContext:RenderQueueLimit</c> others, then gets 503 with <c>Retry-After</c>. The slots are shared
/// fairly (<see cref="DrawingLine"/>): one signed-in account cannot hold them all or fill the line, and anonymous
/// callers keep their turn. A caller that goes away leaves the line at once.
/// </summary>
public sealed class RenderSlots
{
    public const int RetryAfterSeconds = 2;

    /// <summary>The party of work the server does for every viewer (marks pushed after a change), nobody's own.</summary>
    public const string Everyone = "everyone";

    private readonly DrawingLine _line;
    private readonly TimeSpan _wait;
    private readonly TimeProvider _clock;
    private readonly MarketContextMetrics _metrics;

    public RenderSlots(IOptions<MarketContextOptions> options, TimeProvider clock, MarketContextMetrics metrics)
    {
        var settings = options.Value;
        // One core stays free of drawing, for /healthz, pages and every cheap request.
        var count = settings.RenderConcurrency > 0 ? settings.RenderConcurrency : Math.Max(1, Environment.ProcessorCount - 1);
        _line = new DrawingLine(count, settings.RenderQueueLimit);
        _wait = TimeSpan.FromSeconds(settings.RenderQueueSeconds);
        _clock = clock;
        _metrics = metrics;
    }

    public DrawingLine Line => _line;

    /// <summary>Whose turn a request's drawing takes: its signed-in account's, or the anonymous callers' together.</summary>
    public static string PartyOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? "user:" + (context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.Identity.Name)
            : DrawingLine.Anonymous;

    /// <summary>Runs <paramref name="draw"/> in a slot, or answers 503 when none frees up in time.</summary>
    public async ValueTask<object?> DrawAsync(HttpContext context, Func<ValueTask<object?>> draw) =>
        // Boxed: the endpoint's own answer may be null, which is not "no slot".
        await TryDrawAsync(PartyOf(context), async () => new StrongBox<object?>(await draw()), context.RequestAborted) is { } drawn ? drawn.Value : Busy(context);

    /// <summary>Runs <paramref name="draw"/> in one of <paramref name="party"/>'s turns; null when none frees up in time.</summary>
    public async Task<T?> TryDrawAsync<T>(string party, Func<Task<T>> draw, CancellationToken cancellationToken) where T : class
    {
        if (!await EnterAsync(party, cancellationToken))
        {
            return null;
        }
        try
        {
            // Left while waiting, just as its turn came: nobody wants the picture.
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            var drawn = await draw();
            _metrics.PictureDrawn(MarketContextMetrics.Since(started));
            return drawn;
        }
        finally
        {
            _line.Leave(party);
        }
    }

    /// <summary>The answer when no slot freed up in time: 503 with <c>Retry-After</c>.</summary>
    public static IResult Busy(HttpContext context)
    {
        context.RequestServices.GetRequiredService<MarketContextMetrics>().PictureRefused(StatusCodes.Status503ServiceUnavailable);
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(title: "The server is busy drawing", statusCode: StatusCodes.Status503ServiceUnavailable,
            detail: $"Every drawing slot is taken and the line behind them is full; try again in {RetryAfterSeconds} s.");
    }

    /// <summary>A slot: false when the line is full or the wait ran out; cancelled with the caller.</summary>
    private async Task<bool> EnterAsync(string party, CancellationToken cancellationToken)
    {
        if (_line.TryEnter(party))
        {
            return true;
        }
        using var waitedTooLong = new CancellationTokenSource(_wait, _clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, waitedTooLong.Token);
        var queued = Stopwatch.GetTimestamp();
        var entered = false;
        _metrics.QueueEntered();
        try
        {
            entered = await _line.EnterAsync(party, either.Token);
            return entered;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            _metrics.QueueLeft(MarketContextMetrics.Since(queued), entered);
        }
    }
}
