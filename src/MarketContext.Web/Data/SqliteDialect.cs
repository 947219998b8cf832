using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MarketContext.Web.Data;

/// <summary>SQLite: one file, one writer at a time; dates and timestamps are ISO 8601 text.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public override string EngineName => "SQLite";

    internal override string MigrationsFolder => "Sqlite";

    internal override string CreateLedgerSql => """
        create table if not exists schema_migrations (
            version integer not null primary key,
            name text not null,
            applied_at text not null
        )
        """;

    public override string WithListParameters(string sql) => sql;

    // WAL lets readers (chart, page) go on while an import or annotation write holds the write lock. How long a writer
    // waits for that lock (busy_timeout) is the connection's: Db sets it from MarketContext:DatabaseBusySeconds.
    public override string? ConnectionSetup =>
        "pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on;";

    public override string? TransactionLock(LockKey key) => null;

    public override string? TransactionLock(LockKey key, string itemParameter) => null;

    public override async ValueTask<DbTransaction> BeginBulkWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        // For this connection only: every connection Db opens turns the check on again.
        await sqlite.ExecuteAsync("pragma foreign_keys = off");
        // BEGIN IMMEDIATE.
        return sqlite.BeginTransaction(deferred: false);
    }

    public override T ForEngine<T>(DbConnection connection, Func<SqliteConnection, T> sqlite, Func<NpgsqlConnection, T> postgres) =>
        sqlite((SqliteConnection)connection);
}
