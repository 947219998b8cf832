using System.Data.Common;
using Dapper;
using MarketContext.Web.Data;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Prices;

public sealed record ImportReport(string Symbol, string Format, int Inserted, int Updated, int Unchanged, IReadOnlyList<ImportMessage> Warnings, int WarningCount);

/// <summary>Thrown when a file cannot be trusted; nothing of it was stored.</summary>
public sealed class PriceFileRejectedException(string symbol, PriceFile file)
    : Exception($"{symbol}: the file was refused with {file.ErrorCount} error(s); nothing was stored.")
{
    public string Symbol { get; } = symbol;
    public PriceFile File { get; } = file;
}

/// <summary>Stores one price file in one transaction: all of its rows, or none.</summary>
public sealed class PriceImporter(Db db, IOptions<MarketContextOptions> options, PriceSeriesCache cache)
{
    private const string EnsureInstrumentSql = """
        insert into instruments (symbol, name, currency, role) values (@Symbol, @Name, @Currency, @Role)
        on conflict (symbol) do nothing
        """;

    private const string BumpVersionSql = "update data_versions set version = version + 1 where name = 'prices'";

    private const string ExistingSql = """
        select date, open, high, low, close, adj_close as AdjClose, volume
        from prices where symbol = @symbol
        """;

    private const string UpsertSql = """
        insert into prices (symbol, date, open, high, low, close, adj_close, volume)
        values ($symbol, $date, $open, $high, $low, $close, $adjClose, $volume)
        on conflict (symbol, date) do update set
            open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
            adj_close = excluded.adj_close, volume = excluded.volume
        """;

    public async Task<ImportReport> ImportAsync(string symbol, Stream content, CancellationToken cancellationToken = default)
    {
        var file = PriceCsvReader.Read(content);
        if (!file.IsTrusted)
        {
            throw new PriceFileRejectedException(symbol, file);
        }
        return await StoreAsync(symbol, file, cancellationToken);
    }

    public async Task<ImportReport> StoreAsync(string symbol, PriceFile file, CancellationToken cancellationToken = default)
    {
        symbol = symbol.ToUpperInvariant();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await connection.ExecuteAsync(EnsureInstrumentSql, Instruments.Describe(symbol, options.Value.Benchmark), transaction);
        var existing = (await connection.QueryAsync<PriceBar>(ExistingSql, new { symbol }, transaction)).ToDictionary(b => b.Date);

        int inserted = 0, updated = 0, unchanged = 0;
        await using var upsert = Prepare(connection, transaction, symbol);
        foreach (var bar in file.Bars)
        {
            if (existing.TryGetValue(bar.Date, out var stored))
            {
                if (stored == bar)
                {
                    unchanged++;
                    continue;
                }
                updated++;
            }
            else
            {
                inserted++;
            }
            Bind(upsert, bar);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        if (inserted + updated > 0)
        {
            await connection.ExecuteAsync(BumpVersionSql, transaction: transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        cache.Invalidate(symbol);
        return new ImportReport(symbol, file.Format, inserted, updated, unchanged, file.Warnings, file.WarningCount);
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string symbol)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = UpsertSql;
        foreach (var name in new[] { "$symbol", "$date", "$open", "$high", "$low", "$close", "$adjClose", "$volume" })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        command.Parameters[0].Value = symbol;
        command.Prepare();
        return command;
    }

    private static void Bind(DbCommand command, PriceBar bar)
    {
        var p = command.Parameters;
        p[1].Value = bar.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        p[2].Value = (object?)bar.Open ?? DBNull.Value;
        p[3].Value = (object?)bar.High ?? DBNull.Value;
        p[4].Value = (object?)bar.Low ?? DBNull.Value;
        p[5].Value = bar.Close;
        p[6].Value = (object?)bar.AdjClose ?? DBNull.Value;
        p[7].Value = (object?)bar.Volume ?? DBNull.Value;
    }
}
