using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Http;

/// <summary>
/// No anonymous caller can exhaust the server by drawing pictures. Endpoints marked <see cref="Renders{TBuilder}"/>
/// share a few rendering slots (<c>MarketContext:RenderConcurrency</c>, default one per core but one) with a short queue
/// behind them; a request that finds the queue full gets 503 with <c>Retry-After</c>. Anonymous callers may
/// also make only <c>MarketContext:AnonymousRendersPerMinute</c> such requests per address (429 with <c>Retry-After</c>).
/// Everything else (<c>/healthz</c>, pages, the API's reads) never waits behind a picture.
/// </summary>
public static class RequestLimits
{
    public const string AnonymousRenders = "anonymous-renders";

    /// <summary>Marks an endpoint that draws: it takes a rendering slot and counts against an anonymous caller's budget.</summary>
    public static TBuilder Renders<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(RenderSlot.Instance).RequireRateLimiting(AnonymousRenders);

    public static IServiceCollection AddMarketContextRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<MarketContextOptions>>((o, settings) =>
        {
            // One core stays free of drawing, for /healthz, pages and every cheap request.
            var renderSlots = settings.Value.RenderConcurrency > 0 ? settings.Value.RenderConcurrency : Math.Max(1, Environment.ProcessorCount - 1);
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetEndpoint()?.Metadata.GetMetadata<RenderSlot>() is null
                    ? RateLimitPartition.GetNoLimiter("")
                    : RateLimitPartition.GetConcurrencyLimiter("render", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = renderSlots,
                        QueueLimit = renderSlots * settings.Value.RenderQueuePerSlot,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }));
            o.AddPolicy(AnonymousRenders, context => context.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetNoLimiter("signed-in")
                : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.Value.AnonymousRendersPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    // A limiter that counts per window knows when the window ends: 429 until then. The rendering slots know no
    // such time, so a full queue is the server being busy: 503, try again in a moment.
    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var perClient = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
        var seconds = perClient ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 2;
        response.StatusCode = perClient ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = perClient
            ? Results.Problem(title: "Too many requests", statusCode: response.StatusCode,
                detail: $"This address has made too many requests of this kind; try again in {seconds} s, or sign in.")
            : Results.Problem(title: "The server is busy drawing", statusCode: response.StatusCode,
                detail: $"Every rendering slot and its queue are taken; try again in {seconds} s.");
        await problem.ExecuteAsync(rejected.HttpContext);
    }

    private sealed class RenderSlot
    {
        public static readonly RenderSlot Instance = new();
    }
}
