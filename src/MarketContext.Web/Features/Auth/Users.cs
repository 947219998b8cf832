using System.Security.Claims;
using System.Security.Cryptography;
using Dapper;
using MarketContext.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace MarketContext.Web.Features.Auth;

public sealed record User(long Id, string Name, string Role);

public static class Roles
{
    public const string Viewer = "viewer", Editor = "editor", Admin = "admin";
    public static readonly IReadOnlyList<string> All = [Viewer, Editor, Admin];

    /// <summary>May this user write: add annotations, import prices?</summary>
    public static bool CanWrite(ClaimsPrincipal user) => user.IsInRole(Editor) || user.IsInRole(Admin);

    /// <summary>Authors change their own annotations; admins change any.</summary>
    public static bool MayChange(ClaimsPrincipal user, string author) =>
        user.IsInRole(Admin) || (user.IsInRole(Editor) && user.Identity?.Name == author);
}

/// <summary>Accounts and API tokens. Passwords go through ASP.NET Core Identity's hasher; tokens are stored as SHA-256.</summary>
public sealed class UserStore(Db db)
{
    public const int MinPasswordLength = 8;

    private const string InsertUserSql = """
        insert into users (name, password_hash, role, created_at) values (@name, @hash, @role, @createdAt) returning id
        """;

    private const string ByNameSql = "select id, name, role, password_hash as PasswordHash from users where name = @name";

    private const string CountSql = "select count(*) from users";

    private const string InsertTokenSql = """
        insert into api_tokens (user_id, token_hash, created_at) values (@userId, @hash, @createdAt)
        """;

    private const string ByTokenSql = """
        select u.id, u.name, u.role from api_tokens t join users u on u.id = t.user_id where t.token_hash = @hash
        """;

    private readonly PasswordHasher<User> _hasher = new();

    public static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > 64 || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? "A user name is 1 to 64 characters without spaces."
            : null;

    public static string? CheckPassword(string? password) =>
        password is null || password.Length < MinPasswordLength ? $"A password has at least {MinPasswordLength} characters." : null;

    public async Task<long> CountAsync()
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(CountSql);
    }

    public async Task<User> AddAsync(string name, string password, string role)
    {
        if (CheckName(name) is { } badName)
        {
            throw new ArgumentException(badName, nameof(name));
        }
        if (CheckPassword(password) is { } badPassword)
        {
            throw new ArgumentException(badPassword, nameof(password));
        }
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"The role is one of {string.Join(", ", Roles.All)}.", nameof(role));
        }
        var hash = _hasher.HashPassword(new User(0, name, role), password);
        await using var connection = await db.OpenAsync();
        if (await connection.QuerySingleOrDefaultAsync<UserRow>(ByNameSql, new { name }) is not null)
        {
            throw new ArgumentException($"There is already a user named \"{name}\".", nameof(name));
        }
        var id = await connection.ExecuteScalarAsync<long>(InsertUserSql, new { name, hash, role, createdAt = DateTime.UtcNow });
        return new User(id, name, role);
    }

    public async Task<User?> FindAsync(string name)
    {
        await using var connection = await db.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(ByNameSql, new { name });
        return row is null ? null : new User(row.Id, row.Name, row.Role);
    }

    /// <summary>The user, if the password is right; the hash is upgraded when the hasher asks for it.</summary>
    public async Task<User?> VerifyAsync(string name, string password)
    {
        await using var connection = await db.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(ByNameSql, new { name });
        if (row is null)
        {
            // Hash anyway so that unknown names take as long as wrong passwords.
            _hasher.HashPassword(new User(0, name, Roles.Viewer), password);
            return null;
        }
        var user = new User(row.Id, row.Name, row.Role);
        return _hasher.VerifyHashedPassword(user, row.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    /// <summary>A new token for the user; only its hash is stored, so this is the only time it can be read.</summary>
    public async Task<string> CreateTokenAsync(User user)
    {
        var token = "mc_" + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(InsertTokenSql, new { userId = user.Id, hash = Hash(token), createdAt = DateTime.UtcNow });
        return token;
    }

    public async Task<User?> FindByTokenAsync(string token)
    {
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<User>(ByTokenSql, new { hash = Hash(token) });
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record UserRow(long Id, string Name, string Role, string PasswordHash);
}
