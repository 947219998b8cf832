using System.Data.Common;
using System.Reflection;
using Dapper;

namespace MarketContext.Web.Data;

/// <summary>
/// Runs the numbered migrations of the connection's engine (<c>Migrations/Sqlite/*.sql</c> or
/// <c>Migrations/Postgres/*.sql</c>) that the database has not seen yet, each in its own transaction.
/// </summary>
public static class Migrator
{
    private const string AppliedSql = "select version from schema_migrations";

    private const string IsAppliedSql = "select count(*) from schema_migrations where version = @Version";

    private const string RecordSql = """
        insert into schema_migrations (version, name, applied_at) values (@Version, @Name, @AppliedAt)
        """;

    /// <summary>
    /// On PostgreSQL several instances may start at once: each migration runs under one advisory lock and
    /// checks the ledger again inside it, so each is applied exactly once.
    /// </summary>
    /// <param name="clock">What stamps each migration's application; the system's clock unless the host injects one.</param>
    public static async Task<int> MigrateAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken = default, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        if (dialect.TransactionLock(SqlDialect.LockKey.Migrations) is { } lockSql)
        {
            await using var ledger = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(lockSql, transaction: ledger);
            await connection.ExecuteAsync(dialect.CreateLedgerSql, transaction: ledger);
            await ledger.CommitAsync(cancellationToken);
        }
        else
        {
            await connection.ExecuteAsync(dialect.CreateLedgerSql);
        }
        var applied = (await connection.QueryAsync<long>(AppliedSql)).ToHashSet();
        var count = 0;
        foreach (var migration in Migrations(dialect).Where(m => !applied.Contains(m.Version)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (dialect.TransactionLock(SqlDialect.LockKey.Migrations) is { } migrationLock)
            {
                await connection.ExecuteAsync(migrationLock, transaction: transaction);
                if (await connection.ExecuteScalarAsync<long>(IsAppliedSql, new { migration.Version }, transaction) > 0)
                {
                    continue;
                }
            }
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(RecordSql, new { migration.Version, migration.Name, AppliedAt = clock.GetUtcNow().UtcDateTime }, transaction);
            await transaction.CommitAsync(cancellationToken);
            count++;
        }
        return count;
    }

    internal sealed record Migration(long Version, string Name, string Sql);

    /// <summary>The engine's migrations in the order they run.</summary>
    internal static IEnumerable<Migration> Migrations(SqlDialect dialect)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"MarketContext.Web.Data.Migrations.{dialect.MigrationsFolder}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..^".sql".Length];
                var version = long.Parse(name[..name.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
                return new Migration(version, name, Read(assembly, n));
            })
            .OrderBy(m => m.Version);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
