using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Http;

/// <summary>What the live connections (the SignalR hubs) may take of the server.</summary>
public sealed class LiveOptions
{
    /// <summary>Live connections open at once from one address, anonymous or signed in (an office behind one address has many).</summary>
    public int MaxConnectionsPerAddress { get; set; } = 1000;

    /// <summary>Live connections open at once for one signed-in account (a tab holds one per hub).</summary>
    public int MaxConnectionsPerUser { get; set; } = 50;

    /// <summary>Times one connection may change the chart view it watches, per minute (it watches one at a time).</summary>
    public int MaxWatchesPerMinute { get; set; } = 60;

    /// <summary>
    /// Seconds a viewer's connection may take nothing while messages wait for it before it is disconnected instead of
    /// waited for (<see cref="LiveSends"/>).
    /// </summary>
    public double SendSeconds { get; set; } = 5;

    /// <summary>Kilobytes of messages one viewer may have waiting beyond what its connection holds before it is disconnected.</summary>
    public int MaxQueuedKilobytes { get; set; } = 1024;
}

/// <summary>
/// Bounds the live connections: a WebSocket (or server-sent events) request lasts as long as its connection, so a
/// concurrency limit on the hubs' requests bounds the open connections, per account when signed in and per address
/// when not; one more is answered 429 before it is upgraded. A signed-in account is counted by itself, so colleagues
/// behind one address do not share a budget.
/// </summary>
public static class LiveConnections
{
    public const string Policy = "live-connections";

    public static IServiceCollection AddLiveConnectionLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure(o => o.AddPolicy<string, LiveConnectionPolicy>(Policy));
        return services.AddSingleton<LiveSends>();
    }

    /// <summary>Marks a hub's endpoints: each of its connections counts against its account's or address's limit.</summary>
    public static TBuilder LimitsLiveConnections<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(Policy);

    private sealed class LiveConnectionPolicy(IOptions<MarketContextOptions> options) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = RejectAsync;

        public RateLimitPartition<string> GetPartition(HttpContext context)
        {
            var live = options.Value.Live;
            // Signed in by cookie or token alike, the account's id is the name identifier.
            var (key, limit) = context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id
                ? ($"user:{id}", live.MaxConnectionsPerUser)
                : ($"address:{context.Connection.RemoteIpAddress}", live.MaxConnectionsPerAddress);
            return RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions { PermitLimit = Math.Max(1, limit), QueueLimit = 0 });
        }

        private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
        {
            var response = rejected.HttpContext.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = "30";
            var whose = rejected.HttpContext.User.Identity?.IsAuthenticated == true ? "This account" : "This address";
            await Results.Problem(title: "Too many live connections", statusCode: response.StatusCode,
                detail: $"{whose} has as many live connections open as it may; close one (a tab) or try again in 30 s.").ExecuteAsync(rejected.HttpContext);
        }
    }
}
