using System.Data.Common;
using System.Security.Claims;
using System.Security.Cryptography;
using Dapper;
using MarketContext.Web.Data;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Auth;

public sealed record User(long Id, string Name, string Role);

/// <summary>An account as <c>users list</c> shows it.</summary>
public sealed record Account(long Id, string Name, string Role, DateTime CreatedAt);

public static class Roles
{
    public const string Viewer = "viewer", Editor = "editor", Admin = "admin";
    public static readonly IReadOnlyList<string> All = [Viewer, Editor, Admin];

    /// <summary>May this user write: add annotations, import prices?</summary>
    public static bool CanWrite(ClaimsPrincipal user) => user.IsInRole(Editor) || user.IsInRole(Admin);

    /// <summary>The name a write is recorded under (authors, audit entries, set versions): writes need a signed-in user.</summary>
    public static string ActorOf(ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    /// <summary>Authors change their own annotations, known by their account's id (a name may be given again); admins change any.</summary>
    public static bool MayChange(ClaimsPrincipal user, long? authorId) =>
        user.IsInRole(Admin) || (user.IsInRole(Editor) && authorId is not null && CookieSessions.UserId(user) == authorId);
}

/// <summary>A change the store refused, with a message for the person who asked for it.</summary>
public sealed class AccountException(string message) : Exception(message);

/// <summary>
/// Accounts and API tokens. Passwords are hashed by <see cref="Passwords"/>; tokens are stored as SHA-256.
/// Every change to an account bumps its security stamp, which ends the account's cookie sessions on their next
/// request, and is written to the audit log in the same transaction.
/// </summary>
public sealed partial class UserStore(Db db, IOptions<MarketContextOptions> options, TimeProvider clock)
{
    public const int MinPasswordLength = 8;

    private const string InsertUserSql = """
        insert into users (name, password_hash, role, created_at, security_stamp) values (@name, @hash, @role, @createdAt, @stamp) returning id
        """;

    // One statement guarded by "no user yet": of several first visitors at once, exactly one inserts a row.
    private const string InsertFirstUserSql = """
        insert into users (name, password_hash, role, created_at, security_stamp)
        select @name, @hash, @role, @createdAt, @stamp where not exists (select 1 from users) returning id
        """;

    private const string ByNameSql = "select id, name, role, password_hash as PasswordHash from users where name = @name";

    private const string SessionSql = "select id, name, role, security_stamp as SecurityStamp from users where id = @id";

    private const string StampByIdSql = "select security_stamp from users where id = @id";

    private const string CountSql = "select count(*) from users";

    private const string CountAdminsSql = "select count(*) from users where role = 'admin'";

    private const string ListSql = "select id, name, role, created_at as CreatedAt from users order by name";

    private const string SetRoleSql = "update users set role = @role, security_stamp = @stamp where id = @id";

    private const string SetPasswordSql = "update users set password_hash = @hash, security_stamp = @stamp where id = @id";

    // The same password at today's strength: no session ends, and a concurrent password change wins.
    private const string RehashSql = "update users set password_hash = @hash where id = @id and password_hash = @old";

    private const string SetStampSql = "update users set security_stamp = @stamp where id = @id";

    private const string DeleteTokensOfSql = "delete from api_tokens where user_id = @id";

    private const string DeleteUserSql = "delete from users where id = @id";

    public static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > 64 || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? "A user name is 1 to 64 characters without spaces."
            : null;

    public static string? CheckPassword(string? password) =>
        password is null || password.Length < MinPasswordLength ? $"A password has at least {MinPasswordLength} characters." : null;

    public static string? CheckRole(string? role) =>
        role is not null && Roles.All.Contains(role) ? null : $"The role is one of {string.Join(", ", Roles.All)}.";

    public async Task<long> CountAsync()
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(CountSql);
    }

    public async Task<IReadOnlyList<Account>> ListAsync()
    {
        await using var connection = await db.OpenAsync();
        return [.. await connection.QueryAsync<Account>(ListSql)];
    }

    /// <exception cref="AccountException">A bad name, password or role, or the name is taken.</exception>
    public async Task<User> AddAsync(string name, string password, string role, string actor = AuditLog.CommandLine)
    {
        var hash = HashChecked(name, password, role);
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await connection.QuerySingleOrDefaultAsync<UserRow>(ByNameSql, new { name }, transaction) is not null)
        {
            throw new AccountException($"There is already a user named \"{name}\".");
        }
        var id = await connection.ExecuteScalarAsync<long>(InsertUserSql, new { name, hash, role, createdAt = Now(), stamp = NewStamp() }, transaction);
        await AuditLog.RecordAsync(connection, transaction, Now(), actor, "user added", name, $"role {role}");
        await transaction.CommitAsync();
        return new User(id, name, role);
    }

    /// <summary>The first administrator of a new installation, or null when any account exists already.</summary>
    /// <param name="address">The creator's network address, kept in the audit log.</param>
    public async Task<(User User, string Stamp)?> AddFirstAdminAsync(string name, string password, string address)
    {
        var hash = HashChecked(name, password, Roles.Admin);
        var stamp = NewStamp();
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // PostgreSQL's snapshots would let two such inserts both see no user: serialize them first.
        if (db.Dialect.TransactionLock(SqlDialect.LockKey.Accounts) is { } lockSql)
        {
            await connection.ExecuteAsync(lockSql, transaction: transaction);
        }
        var id = await connection.ExecuteScalarAsync<long?>(InsertFirstUserSql,
            new { name, hash, role = Roles.Admin, createdAt = Now(), stamp }, transaction);
        if (id is null)
        {
            return null;
        }
        await AuditLog.RecordAsync(connection, transaction, Now(), name, "first administrator created", name, $"role admin, with the setup code, from {address}");
        await transaction.CommitAsync();
        return (new User(id.Value, name, Roles.Admin), stamp);
    }

    public async Task<User?> FindAsync(string name)
    {
        await using var connection = await db.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(ByNameSql, new { name });
        return row is null ? null : new User(row.Id, row.Name, row.Role);
    }

    /// <summary>The user and stamp a cookie session is checked against on every request; null once removed.</summary>
    public async Task<(User User, string Stamp)?> SessionAsync(long id)
    {
        await using var connection = await db.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(SessionSql, new { id });
        return row is null ? null : (new User(row.Id, row.Name, row.Role), row.SecurityStamp);
    }

    /// <summary>The user and the stamp to put in a new session, if the password is right.</summary>
    public async Task<(User User, string Stamp)?> VerifyAsync(string name, string password)
    {
        await using var connection = await db.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(ByNameSql, new { name });
        if (row is null)
        {
            // Hash anyway so that unknown names take as long as wrong passwords.
            Passwords.Hash(password);
            return null;
        }
        var user = new User(row.Id, row.Name, row.Role);
        var (matches, rehash) = Passwords.Verify(row.PasswordHash, password);
        if (!matches)
        {
            return null;
        }
        if (rehash)
        {
            await connection.ExecuteAsync(RehashSql, new { id = user.Id, hash = Passwords.Hash(password), old = row.PasswordHash });
        }
        return (user, await connection.ExecuteScalarAsync<string>(StampByIdSql, new { id = user.Id }) ?? "");
    }

    public async Task SetRoleAsync(string name, string role, string actor)
    {
        if (CheckRole(role) is { } badRole)
        {
            throw new AccountException(badRole);
        }
        await ChangeAsync(name, actor, "role set", $"role {role}", async (connection, transaction, user) =>
        {
            if (user.Role == Roles.Admin && role != Roles.Admin)
            {
                await KeepOneAdminAsync(connection, transaction, user);
            }
            await connection.ExecuteAsync(SetRoleSql, new { id = user.Id, role, stamp = NewStamp() }, transaction);
        });
    }

    public async Task SetPasswordAsync(string name, string password, string actor)
    {
        if (CheckPassword(password) is { } badPassword)
        {
            throw new AccountException(badPassword);
        }
        await ChangeAsync(name, actor, "password changed", "", (connection, transaction, user) =>
            connection.ExecuteAsync(SetPasswordSql, new { id = user.Id, hash = Passwords.Hash(password), stamp = NewStamp() }, transaction));
    }

    /// <summary>Removes the account and its tokens; its annotations keep their author's name, and only admins change them.</summary>
    public Task RemoveAsync(string name, string actor) =>
        ChangeAsync(name, actor, "user removed", "", async (connection, transaction, user) =>
        {
            if (user.Role == Roles.Admin)
            {
                await KeepOneAdminAsync(connection, transaction, user);
            }
            await connection.ExecuteAsync(DeleteTokensOfSql, new { id = user.Id }, transaction);
            await connection.ExecuteAsync(DeleteUserSql, new { id = user.Id }, transaction);
        });

    /// <summary>Signing out anywhere ends every cookie session of the user, copies of the cookie included.</summary>
    public async Task EndSessionsAsync(long id, string actor)
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await connection.ExecuteAsync(SetStampSql, new { id, stamp = NewStamp() }, transaction) > 0)
        {
            await AuditLog.RecordAsync(connection, transaction, Now(), actor, "signed out", actor, "every session ended");
        }
        await transaction.CommitAsync();
    }

    private async Task ChangeAsync(string name, string actor, string action, string detail, Func<DbConnection, DbTransaction, User, Task> change)
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (db.Dialect.TransactionLock(SqlDialect.LockKey.Accounts) is { } lockSql)
        {
            await connection.ExecuteAsync(lockSql, transaction: transaction);
        }
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(ByNameSql, new { name }, transaction)
            ?? throw new AccountException($"There is no user named \"{name}\".");
        await change(connection, transaction, new User(row.Id, row.Name, row.Role));
        await AuditLog.RecordAsync(connection, transaction, Now(), actor, action, name, detail);
        await transaction.CommitAsync();
    }

    // Without an administrator nobody could manage accounts from the web any more.
    private static async Task KeepOneAdminAsync(DbConnection connection, DbTransaction transaction, User user)
    {
        if (await connection.ExecuteScalarAsync<long>(CountAdminsSql, transaction: transaction) <= 1)
        {
            throw new AccountException($"{user.Name} is the last administrator; make another one first.");
        }
    }

    private string HashChecked(string name, string password, string role)
    {
        if ((CheckName(name) ?? CheckPassword(password) ?? CheckRole(role)) is { } problem)
        {
            throw new AccountException(problem);
        }
        return Passwords.Hash(password);
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    internal static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record UserRow(long Id, string Name, string Role, string PasswordHash);

    private sealed record SessionRow(long Id, string Name, string Role, string SecurityStamp);
}
