using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MarketContext.Web.Data;

/// <summary>PostgreSQL: many instances on one database; dates are <c>date</c>, timestamps <c>timestamptz</c>.</summary>
internal sealed partial class PostgresDialect : SqlDialect
{
    public override string EngineName => "PostgreSQL";

    internal override string MigrationsFolder => "Postgres";

    internal override string CreateLedgerSql => """
        create table if not exists schema_migrations (
            version bigint not null primary key,
            name text not null,
            applied_at timestamptz not null
        )
        """;

    public override string WithListParameters(string sql) => InListRegex().Replace(sql, "= any(@$1)");

    public override string? ConnectionSetup => null;

    public override string? TransactionLock(LockKey key) => $"select pg_advisory_xact_lock({(long)key})";

    // The two-number form of the lock: a key space apart from the one-number locks above.
    public override string? TransactionLock(LockKey key, string itemParameter) =>
        $"select pg_advisory_xact_lock({(int)key}, hashtext(@{itemParameter}))";

    // Writers of the same rows wait on row locks; the foreign keys stay checked.
    public override async ValueTask<DbTransaction> BeginBulkWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    public override T ForEngine<T>(DbConnection connection, Func<SqliteConnection, T> sqlite, Func<NpgsqlConnection, T> postgres) =>
        postgres((NpgsqlConnection)connection);

    [GeneratedRegex(@"\bin\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex InListRegex();
}
