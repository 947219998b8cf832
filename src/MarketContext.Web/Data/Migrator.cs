using System.Data.Common;
using System.Reflection;
using Dapper;

namespace MarketContext.Web.Data;

/// <summary>Runs the numbered <c>Migrations/*.sql</c> files that the database has not seen yet, each in its own transaction.</summary>
public static class Migrator
{
    private const string CreateLedgerSql = """
        create table if not exists schema_migrations (
            version integer not null primary key,
            name text not null,
            applied_at text not null
        )
        """;

    private const string AppliedSql = "select version from schema_migrations";

    private const string RecordSql = """
        insert into schema_migrations (version, name, applied_at) values (@Version, @Name, @AppliedAt)
        """;

    public static Task<int> MigrateAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        MigrateAsync(connection, connection is Npgsql.NpgsqlConnection ? SqlDialect.Postgres : SqlDialect.Sqlite, cancellationToken);

    /// <summary>
    /// On PostgreSQL several instances may start at once: each migration runs under one advisory lock and
    /// checks the ledger again inside it, so each is applied exactly once.
    /// </summary>
    public static async Task<int> MigrateAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken = default)
    {
        if (dialect.TransactionLock(SqlDialect.LockKey.Migrations) is { } lockSql)
        {
            await using var ledger = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(lockSql, transaction: ledger);
            await connection.ExecuteAsync(dialect.Ddl(CreateLedgerSql), transaction: ledger);
            await ledger.CommitAsync(cancellationToken);
        }
        else
        {
            await connection.ExecuteAsync(dialect.Ddl(CreateLedgerSql));
        }
        var applied = (await connection.QueryAsync<long>(AppliedSql)).ToHashSet();
        var count = 0;
        foreach (var migration in Migrations().Where(m => !applied.Contains(m.Version)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (dialect.TransactionLock(SqlDialect.LockKey.Migrations) is { } migrationLock)
            {
                await connection.ExecuteAsync(migrationLock, transaction: transaction);
                var done = await connection.ExecuteScalarAsync<long>("select count(*) from schema_migrations where version = @Version", new { migration.Version }, transaction);
                if (done > 0)
                {
                    continue;
                }
            }
            await connection.ExecuteAsync(dialect.Ddl(migration.Sql), transaction: transaction);
            await connection.ExecuteAsync(RecordSql, new { migration.Version, migration.Name, AppliedAt = DateTime.UtcNow.ToString("O") }, transaction);
            await transaction.CommitAsync(cancellationToken);
            count++;
        }
        return count;
    }

    internal sealed record Migration(long Version, string Name, string Sql);

    internal static IEnumerable<Migration> Migrations()
    {
        var assembly = typeof(Migrator).Assembly;
        const string prefix = "MarketContext.Web.Data.Migrations.";
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
