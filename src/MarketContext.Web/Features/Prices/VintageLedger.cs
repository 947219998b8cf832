using System.Data.Common;
using System.Globalization;
using Dapper;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Prices.Reading;

namespace MarketContext.Web.Features.Prices;

/// <summary>Where an import's rows came from and who brought them: a file's name, an upload, the online source.</summary>
public sealed record VintageOrigin(string Source, string By)
{
    public static readonly VintageOrigin CommandLine = new("file", AuditLog.CommandLine);

    /// <summary>A file as the vintages list names it: its name, never the folders it sat in on someone's machine.</summary>
    public static VintageOrigin File(string path, string by) => new(Path.GetFileName(path), by);
}

/// <summary>The vintages an import writes, inside the import's own transaction.</summary>
internal static class VintageLedger
{
    private const string StartSql = """
        insert into price_vintages (symbol, imported_at, imported_by, producer, format, source, sha256, overrides, inserted, revised, unchanged)
        values (@symbol, @at, @by, '', '', @source, '', @overrides, 0, 0, 0)
        returning id
        """;

    private const string FinishSql = """
        update price_vintages set producer = @producer, format = @format, sha256 = @sha256, inserted = @inserted, revised = @revised, unchanged = @unchanged
        where id = @id
        """;

    private const string LastSql = """
        select sha256, overrides, producer, format, inserted, revised, unchanged
        from price_vintages where symbol = @symbol order by id desc limit 1
        """;

    internal sealed record Last(string Sha256, string Overrides, string Producer, string Format, long Inserted, long Revised, long Unchanged)
    {
        public int Rows => (int)(Inserted + Revised + Unchanged);
    }

    /// <summary>The reader's choices as stored beside the hash; empty when there were none.</summary>
    public static string OverridesText(ImportOverrides? overrides) => overrides is null || overrides.IsEmpty ? "" : overrides.ToString();

    /// <summary>How the rows were written: the file's encoding, delimiter and date pattern, or the source's own form.</summary>
    public static string FormatOf(ImportEvidence evidence) =>
        evidence.Delimiter.Length == 0
            ? $"{evidence.Encoding} {evidence.DateFormat}"
            : $"{evidence.Encoding} csv, delimiter '{evidence.Delimiter}', decimal '{evidence.DecimalSeparator}', dates {evidence.DateFormat}";

    public static Task<Last?> LastAsync(DbConnection connection, DbTransaction transaction, string symbol) =>
        connection.QuerySingleOrDefaultAsync<Last>(LastSql, new { symbol }, transaction);

    /// <summary>Opens the vintage before its rows are written, so that each row can name it.</summary>
    public static Task<long> StartAsync(DbConnection connection, DbTransaction transaction, string symbol, DateTime at, VintageOrigin origin, string overrides) =>
        connection.ExecuteScalarAsync<long>(StartSql, new { symbol, at, by = origin.By, source = origin.Source, overrides }, transaction);

    public static async Task FinishAsync(DbConnection connection, DbTransaction transaction, long id, string symbol, DateTime at, VintageOrigin origin,
        string producer, string format, string sha256, int inserted, int revised, int unchanged)
    {
        await connection.ExecuteAsync(FinishSql, new { id, producer, format, sha256, inserted, revised, unchanged }, transaction);
        if (inserted + revised > 0)
        {
            // Who changed prices, beside who changed accounts and roles.
            await AuditLog.RecordAsync(connection, transaction, at, origin.By, "prices imported", symbol, string.Create(CultureInfo.InvariantCulture,
                $"vintage {id}: {inserted} inserted, {revised} revised, {unchanged} unchanged; {producer} from {origin.Source}, sha256 {sha256}"));
        }
    }
}
