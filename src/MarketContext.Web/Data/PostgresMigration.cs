using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace MarketContext.Web.Data;

/// <summary>
/// Moves a SQLite database into an empty, migrated PostgreSQL database in one transaction: instruments, prices,
/// the per-instrument figures, the price vintages and revisions, users, API tokens, annotations, their change log, the data versions, the audit log, the event sets with their history, the publications with their stored outputs and the data-protection
/// key ring (browsers stay signed in). Each column goes into its typed PostgreSQL column (SQLite's date and
/// timestamp text becomes <c>date</c> and <c>timestamptz</c>). Ids and seqs are kept (live clients' <c>afterSeq</c>
/// stays valid), and the identity sequences continue after the largest id. Either all of it arrives or nothing does.
/// </summary>
public static class PostgresMigration
{
    /// <summary>In foreign-key order.</summary>
    private static readonly string[] Tables =
        ["instruments", "prices", "price_vintages", "price_revisions", "instrument_figures", "users", "api_tokens", "annotations", "annotation_changes", "data_versions", "data_protection_keys", "audit_log",
            "event_sets", "event_set_versions", "event_versions", "publications", "publication_outputs"];

    /// <summary>The ids the database hands out, each to continue after the largest copied one.</summary>
    private static readonly (string Table, string Column)[] Identities =
        [("users", "id"), ("api_tokens", "id"), ("data_protection_keys", "id"), ("audit_log", "id"), ("event_sets", "id"), ("price_vintages", "id")];

    // The target's columns name what is read from the source: both are migrated to the same level.
    private const string ColumnsSql = """
        select column_name as Name, data_type as Type from information_schema.columns
        where table_schema = current_schema() and table_name = @table order by ordinal_position
        """;

    public sealed record Result(IReadOnlyList<(string Table, long Rows)> Tables);

    private sealed record Column(string Name, string Type);

    public static async Task<Result> CopyAsync(string sqliteFile, Db target, CancellationToken cancellationToken = default)
    {
        if (target.Dialect != SqlDialect.Postgres)
        {
            throw new InvalidOperationException("The target is not PostgreSQL: set MarketContext:Provider=postgres and MarketContext:ConnectionString.");
        }
        if (!File.Exists(sqliteFile))
        {
            throw new InvalidOperationException($"There is no SQLite file at {sqliteFile}.");
        }
        var source = new Db(Path.GetFullPath(sqliteFile));
        await using (var sourceConnection = await source.OpenAsync(cancellationToken))
        {
            // Bring the source up to the same schema first, so both sides have the same tables and columns.
            await Migrator.MigrateAsync(sourceConnection, source.Dialect, cancellationToken);
        }
        await using var from = (SqliteConnection)await source.OpenAsync(cancellationToken);
        await using var to = (NpgsqlConnection)await target.OpenAsync(cancellationToken);
        await Migrator.MigrateAsync(to, target.Dialect, cancellationToken);
        await using var transaction = await to.BeginTransactionAsync(cancellationToken);
        foreach (var table in new[] { "instruments", "users", "annotation_changes" })
        {
            if (await to.ExecuteScalarAsync<long>($"select count(*) from {table}", transaction: transaction) > 0)
            {
                throw new InvalidOperationException($"The PostgreSQL database already has {table}; migrate into an empty database.");
            }
        }
        // The key ring moves too, so browsers stay signed in; a target instance started early may have made its own,
        // and seeded its own shipped event set, which the source's (with its history) replaces.
        await to.ExecuteAsync("delete from data_versions; delete from data_protection_keys; delete from event_versions; delete from event_set_versions; delete from event_sets;",
            transaction: transaction);

        var counts = new List<(string, long)>();
        foreach (var table in Tables)
        {
            var columns = (await to.QueryAsync<Column>(ColumnsSql, new { table }, transaction)).ToArray();
            counts.Add((table, await CopyTableAsync(from, to, table, columns, cancellationToken)));
        }
        foreach (var (table, column) in Identities)
        {
            await to.ExecuteAsync(
                $"select setval(pg_get_serial_sequence('{table}', '{column}'), coalesce((select max({column}) from {table}), 0) + 1, false)",
                transaction: transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return new Result(counts);
    }

    private static async Task<long> CopyTableAsync(SqliteConnection from, NpgsqlConnection to, string table, Column[] columns, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", columns.Select(c => c.Name));
        await using var select = from.CreateCommand();
        select.CommandText = $"select {names} from {table}";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await using var copy = await to.BeginBinaryImportAsync($"copy {table} ({names}) from stdin (format binary)", cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await copy.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Length; i++)
            {
                await WriteAsync(copy, reader, i, columns[i].Type, cancellationToken);
            }
            rows++;
        }
        await copy.CompleteAsync(cancellationToken);
        return rows;
    }

    /// <summary>One SQLite value into its PostgreSQL column: dates and timestamps from their ISO text, flags from 0 and 1.</summary>
    private static Task WriteAsync(NpgsqlBinaryImporter copy, DbDataReader reader, int i, string type, CancellationToken cancellationToken)
    {
        if (reader.IsDBNull(i))
        {
            return copy.WriteNullAsync(cancellationToken);
        }
        var value = reader.GetValue(i);
        return type switch
        {
            "bigint" => copy.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken),
            "double precision" => copy.WriteAsync(Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlDbType.Double, cancellationToken),
            "boolean" => copy.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0, NpgsqlDbType.Boolean, cancellationToken),
            "date" => copy.WriteAsync(DateOnly.ParseExact(Text(value), "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date, cancellationToken),
            "timestamp with time zone" => copy.WriteAsync(UtcDateTimeTypeHandler.ParseText(Text(value)), NpgsqlDbType.TimestampTz, cancellationToken),
            "text" => copy.WriteAsync(Text(value), NpgsqlDbType.Text, cancellationToken),
            "bytea" => copy.WriteAsync((byte[])value, NpgsqlDbType.Bytea, cancellationToken),
            _ => throw new InvalidOperationException($"The PostgreSQL column type {type} has no conversion from SQLite."),
        };
    }

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;
}
