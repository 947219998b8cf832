using System.Globalization;
using System.Threading.RateLimiting;
using MarketContext.Web.Http.Contract;
using MarketContext.Web.Telemetry;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Http;

/// <summary>
/// No anonymous caller can exhaust the server by drawing pictures. Endpoints marked <see cref="Renders{TBuilder}"/>
/// draw in one of a few <see cref="RenderSlots"/> (503 with <c>Retry-After</c> when the line behind them is full
/// or too slow), and anonymous callers may make only <c>MarketContext:AnonymousRendersPerMinute</c> such requests
/// per address (429 with <c>Retry-After</c>). Everything else (<c>/healthz</c>, pages, the API's reads) never
/// waits behind a picture.
/// </summary>
public static class RequestLimits
{
    public const string AnonymousRenders = "anonymous-renders";

    /// <summary>Marks an endpoint that draws: it takes a rendering slot and counts against an anonymous caller's budget.</summary>
    public static TBuilder Renders<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.CountsAsRender().AddEndpointFilter((context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<RenderSlots>().DrawAsync(context.HttpContext, () => next(context)));

    /// <summary>
    /// Marks an endpoint that counts against an anonymous caller's budget and takes a slot itself, only while it
    /// draws: what it can answer without drawing (a 304, a cached view) never waits behind other pictures. A query
    /// key the route does not read is refused before anything is drawn.
    /// </summary>
    public static TBuilder CountsAsRender<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RefusesUnknownQueryKeys().RequireRateLimiting(AnonymousRenders);

    public static IServiceCollection AddMarketContextRequestLimits(this IServiceCollection services)
    {
        services.AddSingleton<RenderSlots>();
        services.AddExceptionHandler<Data.DatabaseBusy>();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<MarketContextOptions>>((o, settings) =>
        {
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

    // Every limiter here counts per window and knows when the window ends: say so.
    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        if (rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == AnonymousRenders)
        {
            rejected.HttpContext.RequestServices.GetRequiredService<MarketContextMetrics>().PictureRefused(StatusCodes.Status429TooManyRequests);
        }
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(title: "Too many requests", statusCode: response.StatusCode,
            detail: $"This address has made too many requests of this kind; try again in {seconds} s, or sign in.").ExecuteAsync(rejected.HttpContext);
    }
}
