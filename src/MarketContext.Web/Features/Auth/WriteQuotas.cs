using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Auth;

/// <summary>The writes an account is rationed in.</summary>
public enum WriteQuota
{
    /// <summary>New annotations: <c>MarketContext:Quotas:AnnotationsPerMinute</c>.</summary>
    Annotations,

    /// <summary>Price imports, uploaded or refreshed from the online source: <c>MarketContext:Quotas:ImportsPerHour</c>.</summary>
    Imports,
}

/// <summary><c>MarketContext:Quotas</c>: writes one account may make per window; 0 for no limit.</summary>
public sealed class WriteQuotaOptions
{
    // Far above what a person writes, and above the live benchmark's burst of posts from one account.
    public int AnnotationsPerMinute { get; set; } = 300;

    public int ImportsPerHour { get; set; } = 120;
}

/// <summary>
/// Each signed-in account may make so many writes of a kind per fixed window (every new annotation reaches every
/// viewer and the audit log; every import holds the database's writer), then gets 429 with <c>Retry-After</c> until
/// its window ends. Counted per account id, so several sessions or tokens of one account share one quota.
/// </summary>
public sealed class WriteQuotas(IOptions<MarketContextOptions> options, TimeProvider clock)
{
    private sealed class Window
    {
        public DateTimeOffset Start;
        public int Count;
    }

    // One entry per account and kind: bounded by the accounts there are.
    private readonly ConcurrentDictionary<(WriteQuota Quota, string Account), Window> _windows = new();

    /// <summary>Counts one write of <paramref name="quota"/>; null when allowed, else how long until it would be.</summary>
    public TimeSpan? Spend(WriteQuota quota, string account)
    {
        var (limit, length) = Limit(quota);
        if (limit <= 0)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var window = _windows.GetOrAdd((quota, account), _ => new Window { Start = now });
        lock (window)
        {
            if (now - window.Start >= length)
            {
                (window.Start, window.Count) = (now, 0);
            }
            if (window.Count >= limit)
            {
                return window.Start + length - now;
            }
            window.Count++;
            return null;
        }
    }

    /// <summary>The 429 for a caller past its quota, or null (and the write counted) when it may go on.</summary>
    public IResult? Refusal(HttpContext context, WriteQuota quota)
    {
        var account = CookieSessions.UserId(context.User)?.ToString(CultureInfo.InvariantCulture) ?? context.User.Identity?.Name ?? "";
        if (Spend(quota, account) is not { } wait)
        {
            return null;
        }
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var (limit, length) = Limit(quota);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var what = (quota == WriteQuota.Annotations ? "new annotation" : "import") + (limit == 1 ? "" : "s");
        var per = length == TimeSpan.FromHours(1) ? "an hour" : "a minute";
        return Results.Problem(title: "Quota reached", statusCode: StatusCodes.Status429TooManyRequests,
            detail: $"This account may make {limit} {what} {per}; try again in {seconds} s. Nothing of this request was stored.");
    }

    private (int Limit, TimeSpan Length) Limit(WriteQuota quota)
    {
        var quotas = options.Value.Quotas;
        return quota == WriteQuota.Annotations ? (quotas.AnnotationsPerMinute, TimeSpan.FromMinutes(1)) : (quotas.ImportsPerHour, TimeSpan.FromHours(1));
    }
}

public static class WriteQuotaExtensions
{
    /// <summary>The route's write counts against the caller's <paramref name="quota"/>: past it, 429 before anything is read.</summary>
    public static RouteHandlerBuilder CountsAgainst(this RouteHandlerBuilder route, WriteQuota quota) =>
        route.AddEndpointFilter(async (context, next) =>
                context.HttpContext.RequestServices.GetRequiredService<WriteQuotas>().Refusal(context.HttpContext, quota) ?? await next(context))
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
