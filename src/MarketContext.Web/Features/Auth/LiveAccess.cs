using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Dapper;
using MarketContext.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Auth;

/// <summary>
/// A live connection (either hub) lasts no longer than the access it was opened with. Each signed-in connection is
/// remembered with what let it in: the session's security stamp and deadline (its absolute lifetime, and its idle
/// expiry as of connecting), or the token. Every <see cref="CheckInterval"/> the database is asked once for all of
/// them, so a sign-out, a role change, a removal, a revoked or expired token or an ended session closes the
/// connection within seconds, whichever instance or command-line verb made the change. Anonymous connections
/// carry no access to lose and are not tracked.
/// </summary>
public sealed class LiveAccess(Db db, TimeProvider clock, IOptions<MarketContextOptions> options, ILogger<LiveAccess> logger) : BackgroundService, IHubFilter
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    public const string TokenClaim = "mc:token";

    private const string StampsSql = "select id, security_stamp as Stamp from users where id in @ids";

    private const string TokensSql = """
        select t.token_hash as Hash, u.role, t.created_at as CreatedAt, t.expires_at as ExpiresAt, t.revoked_at as RevokedAt
        from api_tokens t join users u on u.id = t.user_id where t.token_hash in @hashes
        """;

    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);

    /// <summary>Signed-in connections being watched, for the operator's curiosity and the tests.</summary>
    public int Watched => _connections.Count;

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (Describe(context.Context) is { } connection)
        {
            _connections[context.Context.ConnectionId] = connection;
        }
        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _connections.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database away for a moment: the next round checks again.
                logger.LogWarning("Could not check the access of live connections: {Problem}", e.Message);
            }
        }
    }

    /// <summary>Closes every watched connection whose access has ended.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        var connections = _connections.Values.ToArray();
        if (connections.Length == 0)
        {
            return;
        }
        var ids = connections.Where(c => c.Stamp is not null).Select(c => c.UserId).Distinct().ToArray();
        var hashes = connections.Where(c => c.TokenHash is not null).Select(c => c.TokenHash!).Distinct().ToArray();
        await using var connection = await db.OpenAsync(cancellationToken);
        var stamps = ids.Length == 0 ? [] : (await connection.QueryAsync<(long Id, string Stamp)>(db.Dialect.WithListParameters(StampsSql), new { ids }))
            .ToDictionary(r => r.Id, r => r.Stamp);
        var tokens = hashes.Length == 0 ? [] : (await connection.QueryAsync<TokenRow>(db.Dialect.WithListParameters(TokensSql), new { hashes }))
            .ToDictionary(r => r.Hash, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var live in connections.Where(c => !Allowed(c, now, stamps, tokens)))
        {
            _connections.TryRemove(live.Context.ConnectionId, out _);
            live.Context.Abort();
        }
    }

    private bool Allowed(Connection live, DateTimeOffset now, Dictionary<long, string> stamps, Dictionary<string, TokenRow> tokens)
    {
        if (live.Deadline is { } deadline && now >= deadline)
        {
            return false;
        }
        if (live.Stamp is not null)
        {
            return stamps.TryGetValue(live.UserId, out var stamp) && stamp == live.Stamp;
        }
        return tokens.TryGetValue(live.TokenHash!, out var token) && token.RevokedAt is null && token.Role == live.Role
            && (token.ExpiresAt ?? token.CreatedAt.AddDays(options.Value.TokenLifetimeDays)) > now.UtcDateTime;
    }

    private Connection? Describe(HubCallerContext context)
    {
        var user = context.User;
        if (user?.Identity?.IsAuthenticated != true || CookieSessions.UserId(user) is not { } id)
        {
            return null;
        }
        var role = user.FindFirstValue(ClaimTypes.Role) ?? "";
        if (user.FindFirstValue(TokenClaim) is { } hash)
        {
            return new Connection(context, id, role, Stamp: null, hash, Deadline: null);
        }
        // A cookie session: its stamp, and the earlier of its absolute end and its idle expiry as it stood at connecting.
        var signedInAt = DateTime.TryParse(user.FindFirstValue(CookieSessions.SignedInAtClaim), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : clock.GetUtcNow();
        DateTimeOffset? deadline = signedInAt + TimeSpan.FromHours(options.Value.SessionLifetimeHours);
        var ticket = context.GetHttpContext()?.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult;
        if (ticket?.Ticket?.AuthenticationScheme == CookieAuthenticationDefaults.AuthenticationScheme && ticket.Properties?.ExpiresUtc is { } expires && expires < deadline)
        {
            deadline = expires;
        }
        return new Connection(context, id, role, user.FindFirstValue(CookieSessions.StampClaim) ?? "", TokenHash: null, deadline);
    }

    private sealed record Connection(HubCallerContext Context, long UserId, string Role, string? Stamp, string? TokenHash, DateTimeOffset? Deadline);

    private sealed record TokenRow(string Hash, string Role, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt);
}
