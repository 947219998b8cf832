using System.Globalization;
using System.Security.Cryptography;
using Dapper;

namespace MarketContext.Web.Features.Auth;

/// <summary>An API token as <c>tokens list</c> shows it (never the token itself: only its hash is kept).</summary>
public sealed record TokenInfo(long Id, string User, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public string State(DateTime now) => RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : "active";
}

public sealed partial class UserStore
{
    /// <summary>Last use is written at most this often per token, so a busy script does not write on every call.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromHours(1);

    private const string InsertTokenSql = """
        insert into api_tokens (user_id, token_hash, created_at, expires_at) values (@userId, @hash, @createdAt, @expiresAt) returning id
        """;

    private const string ByTokenSql = """
        select t.id as TokenId, u.id, u.name, u.role, t.created_at as CreatedAt, t.expires_at as ExpiresAt,
            t.last_used_at as LastUsedAt, t.revoked_at as RevokedAt
        from api_tokens t join users u on u.id = t.user_id where t.token_hash = @hash
        """;

    private const string TouchTokenSql = "update api_tokens set last_used_at = @now where id = @id";

    private const string ListTokensSql = """
        select t.id, u.name as User, t.created_at as CreatedAt, t.expires_at as ExpiresAt, t.last_used_at as LastUsedAt, t.revoked_at as RevokedAt
        from api_tokens t join users u on u.id = t.user_id
        where (cast(@user as text) is null or u.name = @user) order by t.id
        """;

    private const string TokenOwnerSql = "select u.name from api_tokens t join users u on u.id = t.user_id where t.id = @id";

    private const string RevokeTokenSql = "update api_tokens set revoked_at = @now where id = @id and revoked_at is null";

    /// <summary>A new token for the user; only its hash is stored, so this is the only time it can be read.</summary>
    /// <param name="expiresInDays">Days until it stops working; <c>MarketContext:TokenLifetimeDays</c> by default.</param>
    public async Task<string> CreateTokenAsync(User user, int? expiresInDays = null, string actor = AuditLog.CommandLine)
    {
        var days = expiresInDays ?? options.Value.TokenLifetimeDays;
        if (days is < 1 or > 3650)
        {
            throw new AccountException("A token lives 1 to 3650 days.");
        }
        var token = "mc_" + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = Now();
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await connection.ExecuteScalarAsync<long>(InsertTokenSql,
            new { userId = user.Id, hash = Hash(token), createdAt = now, expiresAt = now.AddDays(days) }, transaction);
        await AuditLog.RecordAsync(connection, transaction, now, actor, "token created", user.Name,
            string.Create(CultureInfo.InvariantCulture, $"token {id}, expires {now.AddDays(days):yyyy-MM-dd}"));
        await transaction.CommitAsync();
        return token;
    }

    /// <summary>The token's user, unless the token is unknown, expired or revoked.</summary>
    public async Task<User?> FindByTokenAsync(string token)
    {
        await using var connection = await db.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(ByTokenSql, new { hash = Hash(token) });
        var now = Now();
        if (row is null || row.RevokedAt is not null || ExpiryOf(row.CreatedAt, row.ExpiresAt) <= now)
        {
            return null;
        }
        if (row.LastUsedAt is null || now - row.LastUsedAt > LastUsedResolution)
        {
            await connection.ExecuteAsync(TouchTokenSql, new { id = row.TokenId, now });
        }
        return new User(row.Id, row.Name, row.Role);
    }

    public async Task<IReadOnlyList<TokenInfo>> ListTokensAsync(string? user = null)
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<TokenListRow>(ListTokensSql, new { user });
        return [.. rows.Select(r => new TokenInfo(r.Id, r.User, r.CreatedAt, ExpiryOf(r.CreatedAt, r.ExpiresAt), r.LastUsedAt, r.RevokedAt))];
    }

    /// <exception cref="AccountException">No such token, or it was revoked already.</exception>
    public async Task RevokeTokenAsync(long id, string actor)
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var owner = await connection.ExecuteScalarAsync<string?>(TokenOwnerSql, new { id }, transaction)
            ?? throw new AccountException($"There is no token {id}.");
        if (await connection.ExecuteAsync(RevokeTokenSql, new { id, now = Now() }, transaction) == 0)
        {
            throw new AccountException($"Token {id} was revoked already.");
        }
        await AuditLog.RecordAsync(connection, transaction, Now(), actor, "token revoked", owner, string.Create(CultureInfo.InvariantCulture, $"token {id}"));
        await transaction.CommitAsync();
    }

    // Tokens made before expiry existed live the default lifetime from their creation.
    private DateTime ExpiryOf(DateTime createdAt, DateTime? expiresAt) => expiresAt ?? createdAt.AddDays(options.Value.TokenLifetimeDays);

    private sealed record TokenRow(long TokenId, long Id, string Name, string Role, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    private sealed record TokenListRow(long Id, string User, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);
}
