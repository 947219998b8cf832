using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MarketContext.Web.Data;

/// <summary>
/// The one place where SQLite and PostgreSQL differ: each engine's own migrations (typed DDL), list parameters,
/// connection set-up, cross-instance locks, the bulk-write transaction, and the choice of a feature's
/// engine-specific code. Everything else (queries, stores) is written once and runs on both.
/// </summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect Postgres = new PostgresDialect();

    /// <summary>The engine's name, for messages to the operator.</summary>
    public abstract string EngineName { get; }

    /// <summary>The folder under <c>Data/Migrations/</c> that holds this engine's numbered migrations.</summary>
    internal abstract string MigrationsFolder { get; }

    /// <summary>The ledger of applied migrations, created before the first one runs.</summary>
    internal abstract string CreateLedgerSql { get; }

    /// <summary>
    /// A query with a list parameter (<c>symbol in @symbols</c>) as this engine wants it: Dapper expands the list
    /// into one parameter per item for SQLite, but hands Npgsql a single array, which PostgreSQL compares with <c>any</c>.
    /// </summary>
    public abstract string WithListParameters(string sql);

    /// <summary>Run once on every new connection (SQLite's pragmas), or null.</summary>
    public abstract string? ConnectionSetup { get; }

    /// <summary>
    /// A statement that, inside a transaction, serializes every instance that runs it with the same key until the
    /// transaction ends; null where the engine's single writer lock already does that (SQLite).
    /// </summary>
    public abstract string? TransactionLock(LockKey key);

    /// <summary>
    /// As <see cref="TransactionLock(LockKey)"/>, for one item of the key's kind (a symbol): writers of other items go
    /// on side by side. The statement takes the item as the parameter <c>@item</c>.
    /// </summary>
    public abstract string? TransactionLock(LockKey key, string itemParameter);

    /// <summary>
    /// A transaction for a bulk write whose parent rows the caller writes first in the same transaction: the write
    /// lock is taken at once (rather than failing to upgrade a read lock halfway through), and where the engine
    /// checks foreign keys per row at a cost (SQLite), they are not checked for this connection.
    /// </summary>
    public abstract ValueTask<DbTransaction> BeginBulkWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// A feature's engine-specific code (a bulk writer on SQLite's C API or on PostgreSQL's COPY), chosen for the
    /// connection's engine: the feature gives one for each, and never asks which engine it runs on.
    /// </summary>
    public abstract T ForEngine<T>(DbConnection connection, Func<SqliteConnection, T> sqlite, Func<NpgsqlConnection, T> postgres);

    public enum LockKey : long
    {
        Migrations = 0x4d43_0001,
        AnnotationSeq = 0x4d43_0002,
        PriceVersion = 0x4d43_0004,
        Accounts = 0x4d43_0005,
        Roles = 0x4d43_0006,
        EventSets = 0x4d43_0007,
        Publications = 0x4d43_0008,
    }
}
