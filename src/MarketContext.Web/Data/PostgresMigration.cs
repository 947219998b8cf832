using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MarketContext.Web.Data;

/// <summary>
/// Moves a SQLite database into an empty, migrated PostgreSQL database in one transaction: instruments, prices,
/// the per-instrument figures, users, API tokens, annotations, their change log, the data versions, the audit log and the data-protection
/// key ring (browsers stay signed in). Ids and seqs are
/// kept (live clients' <c>afterSeq</c> stays valid), and the identity sequences continue after the largest id.
/// Either all of it arrives or nothing does.
/// </summary>
public static class PostgresMigration
{
    /// <summary>In foreign-key order.</summary>
    private static readonly string[] Tables =
        ["instruments", "prices", "instrument_figures", "users", "api_tokens", "annotations", "annotation_changes", "data_versions", "data_protection_keys", "audit_log"];

    /// <summary>Each identity and the largest value it must continue after (a deleted annotation's id stays taken: its history keeps it).</summary>
    private static readonly (string Table, string Column, string Largest)[] Identities =
    [
        ("users", "id", "select max(id) from users"),
        ("api_tokens", "id", "select max(id) from api_tokens"),
        ("annotations", "id", "select greatest((select max(id) from annotations), (select max(annotation_id) from annotation_changes))"),
        ("annotation_changes", "seq", "select max(seq) from annotation_changes"),
        ("data_protection_keys", "id", "select max(id) from data_protection_keys"),
        ("audit_log", "id", "select max(id) from audit_log"),
    ];

    public sealed record Result(IReadOnlyList<(string Table, long Rows)> Tables);

    public static async Task<Result> CopyAsync(string sqliteFile, Db target, CancellationToken cancellationToken = default)
    {
        if (!target.Dialect.IsPostgres)
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
            await Migrator.MigrateAsync(sourceConnection, SqlDialect.Sqlite, cancellationToken);
        }
        await using var from = (SqliteConnection)await source.OpenAsync(cancellationToken);
        await using var to = (NpgsqlConnection)await target.OpenAsync(cancellationToken);
        await Migrator.MigrateAsync(to, SqlDialect.Postgres, cancellationToken);
        await using var transaction = await to.BeginTransactionAsync(cancellationToken);
        foreach (var table in new[] { "instruments", "users", "annotation_changes" })
        {
            if (await to.ExecuteScalarAsync<long>($"select count(*) from {table}", transaction: transaction) > 0)
            {
                throw new InvalidOperationException($"The PostgreSQL database already has {table}; migrate into an empty database.");
            }
        }
        // The key ring moves too, so browsers stay signed in; a target instance started early may have made its own.
        await to.ExecuteAsync("delete from data_versions; delete from data_protection_keys;", transaction: transaction);

        var counts = new List<(string, long)>();
        foreach (var table in Tables)
        {
            counts.Add((table, await CopyTableAsync(from, to, table, cancellationToken)));
        }
        foreach (var (table, column, largest) in Identities)
        {
            await to.ExecuteAsync(
                $"select setval(pg_get_serial_sequence('{table}', '{column}'), coalesce(({largest}), 0) + 1, false)",
                transaction: transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return new Result(counts);
    }

    private static async Task<long> CopyTableAsync(SqliteConnection from, NpgsqlConnection to, string table, CancellationToken cancellationToken)
    {
        var types = (await to.QueryAsync<(string Column, string Type)>(
                "select column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name = @table",
                new { table }))
            .ToDictionary(c => c.Column, c => c.Type, StringComparer.Ordinal);
        await using var select = from.CreateCommand();
        select.CommandText = $"select * from {table}";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        await using var copy = await to.BeginBinaryImportAsync(
            $"copy {table} ({string.Join(", ", columns)}) from stdin (format binary)", cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await copy.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Length; i++)
            {
                await WriteAsync(copy, reader, i, types[columns[i]], cancellationToken);
            }
            rows++;
        }
        await copy.CompleteAsync(cancellationToken);
        return rows;
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, DbDataReader reader, int i, string type, CancellationToken cancellationToken)
    {
        if (reader.IsDBNull(i))
        {
            return copy.WriteNullAsync(cancellationToken);
        }
        var value = reader.GetValue(i);
        return type switch
        {
            "bigint" => copy.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken),
            "double precision" => copy.WriteAsync(Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Double, cancellationToken),
            _ => copy.WriteAsync(Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken),
        };
    }
}
