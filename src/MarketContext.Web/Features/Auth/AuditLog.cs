using System.Data.Common;
using Dapper;
using MarketContext.Web.Data;

namespace MarketContext.Web.Features.Auth;

public sealed record AuditEntry(long Id, DateTime At, string Actor, string Action, string Target, string Detail);

/// <summary>Who changed which account or token, and when. Written in the transaction of the change itself.</summary>
public sealed class AuditLog(Db db)
{
    /// <summary>The actor of changes made with the command line, which runs with the database's own rights.</summary>
    public const string CommandLine = "command line";

    private const string InsertSql = """
        insert into audit_log (at, actor, action, target, detail) values (@at, @actor, @action, @target, @detail)
        """;

    private const string LatestSql = "select id, at, actor, action, target, detail from audit_log order by id desc limit @limit";

    public static Task RecordAsync(DbConnection connection, DbTransaction transaction, DateTime at, string actor, string action, string target, string detail) =>
        connection.ExecuteAsync(InsertSql, new { at, actor, action, target, detail }, transaction);

    /// <summary>The latest entries, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(int limit = 500)
    {
        await using var connection = await db.OpenAsync();
        return [.. await connection.QueryAsync<AuditEntry>(LatestSql, new { limit })];
    }
}
