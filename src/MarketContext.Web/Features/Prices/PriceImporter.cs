using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Prices.Reading;
using MarketContext.Web.Telemetry;

namespace MarketContext.Web.Features.Prices;

public sealed record ImportReport(string Symbol, string Format, int Inserted, int Updated, int Unchanged, IReadOnlyList<ImportMessage> Warnings, int WarningCount,
    ImportEvidence? Evidence = null, CalendarReport? Calendar = null)
{
    /// <summary>The vintage this import was recorded as (listed by <c>GET /api/series/{symbol}/vintages</c>).</summary>
    public long? Vintage { get; init; }
}

/// <summary>How far an import has got: bytes read of the file (and its length, when known) and rows taken.</summary>
public readonly record struct ImportProgress(long Bytes, long? TotalBytes, int Rows);

/// <summary>Thrown when a file cannot be trusted; nothing of it was stored.</summary>
public sealed class PriceFileRejectedException(string symbol, PriceFile file)
    : Exception($"{symbol}: the file was refused with {file.ErrorCount} error(s); nothing was stored.")
{
    public string Symbol { get; } = symbol;
    public PriceFile File { get; } = file;
}

/// <summary>
/// Stores one price file (or one set of rows a source has already parsed) in one transaction: all of its rows, or
/// none. The file streams through the reader (an upload as it arrives)
/// into the open transaction; a file that turns out to have an error is rolled back whole, instrument row
/// included, so a refusal or a killed process leaves the database as it was.
/// </summary>
public sealed class PriceImporter(Db db, SeriesRoles roles, PriceSeriesCache cache, TimeProvider clock, MarketContextMetrics metrics, ILogger<PriceImporter> logger)
{
    /// <summary>Rows handed from the parser to the writer at a time; also the step of progress reports.</summary>
    private const int BatchRows = 2048;

    private const string InstrumentExistsSql = "select exists (select 1 from instruments where symbol = @symbol)";

    private const string InsertInstrumentSql = """
        insert into instruments (symbol, name, currency, role, exchange, company, currency_source)
        values (@Symbol, @Name, @Currency, @Role, @Exchange, @Company, @CurrencySource)
        on conflict (symbol) do nothing
        """;

    private const string HasRowsSql = "select exists (select 1 from prices where symbol = @symbol)";

    private const string ExchangeSql = "select exchange from instruments where symbol = @symbol";

    // Bumped with the rows it stands for, so that chart ETags change exactly when prices do.
    private const string BumpVersionSql = "update data_versions set version = version + 1 where name = 'prices'";

    // Rows are only ever added or changed, never removed: the span widens to the file's days, the count grows by
    // the rows inserted, and the version tells every process that holds the series in memory that it is stale.
    private const string UpdateFiguresSql = """
        insert into instrument_figures (symbol, first_date, last_date, row_count, version)
        values (@symbol, @first, @last, @inserted, 1)
        on conflict (symbol) do update set
            first_date = case when instrument_figures.first_date is null or excluded.first_date < instrument_figures.first_date
                then excluded.first_date else instrument_figures.first_date end,
            last_date = case when instrument_figures.last_date is null or excluded.last_date > instrument_figures.last_date
                then excluded.last_date else instrument_figures.last_date end,
            row_count = instrument_figures.row_count + excluded.row_count,
            version = instrument_figures.version + 1
        """;

    /// <remarks>
    /// A file that can seek (one on disk) is hashed before it is read: when it is the very file, read with the same
    /// choices, of the series' last vintage, its rows are not read again and the new vintage records them as unchanged.
    /// </remarks>
    public async Task<ImportReport> ImportAsync(string symbol, Stream content, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default,
        ImportOverrides? overrides = null, VintageOrigin? origin = null)
    {
        long? total = content.CanSeek ? content.Length : null;
        var known = content.CanSeek ? await Task.Run(() => HashingStream.Of(content), cancellationToken) : null;
        await using var hashing = known is null ? new HashingStream(content) : null;
        var read = (Stream?)hashing ?? content;
        return await ImportAsync(symbol, () => PriceRowReader.Open(read, overrides), total, progress, cancellationToken,
            new Vintage(origin ?? VintageOrigin.CommandLine, VintageLedger.OverridesText(overrides), known, hashing));
    }

    /// <summary>Rows a source has already parsed: judged by the rules a file's rows meet, stored the same way.</summary>
    public Task<ImportReport> ImportAsync(string symbol, ParsedRowReader rows, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default,
        VintageOrigin? origin = null) =>
        ImportAsync(symbol, () => rows, null, progress, cancellationToken, new Vintage(origin ?? VintageOrigin.CommandLine, "", null, null));

    /// <summary>What the vintage of an import records besides its rows; the hash is known before reading, or once read.</summary>
    private sealed record Vintage(VintageOrigin Origin, string Overrides, string? KnownSha256, HashingStream? Hashing);

    private async Task<ImportReport> ImportAsync(string symbol, Func<IBarSource> open, long? total, IProgress<ImportProgress>? progress, CancellationToken cancellationToken,
        Vintage vintage)
    {
        var started = clock.GetTimestamp();
        var timed = Stopwatch.GetTimestamp();
        try
        {
            // Opening sniffs the start of the file, which may still be arriving over the network: off the caller's thread.
            var reader = await Task.Run(open, cancellationToken);
            var report = await ImportUnloggedAsync(symbol, reader, total, progress, vintage, cancellationToken);
            logger.ImportDone(report.Symbol, report.Format, report.Inserted + report.Updated + report.Unchanged, report.Inserted, report.Updated,
                report.Unchanged, report.WarningCount, (long)clock.GetElapsedTime(started).TotalMilliseconds);
            metrics.Imported(report.Inserted + report.Updated + report.Unchanged, MarketContextMetrics.Since(timed));
            return report;
        }
        catch (PriceFileRejectedException rejected)
        {
            var first = rejected.File.Errors.FirstOrDefault();
            logger.ImportRefused(rejected.Symbol, rejected.File.Format, rejected.File.ErrorCount, (long)clock.GetElapsedTime(started).TotalMilliseconds, first?.Line, first?.Message);
            throw;
        }
    }

    private async Task<ImportReport> ImportUnloggedAsync(string symbol, IBarSource reader, long? total, IProgress<ImportProgress>? progress, Vintage vintage,
        CancellationToken cancellationToken)
    {
        symbol = symbol.ToUpperInvariant();
        if (reader.HasErrors)
        {
            // Refused at its header: not worth opening the database for.
            metrics.FileRefused("header");
            throw new PriceFileRejectedException(symbol, PriceFile.Refused(reader));
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        // The instrument row goes in first in the same transaction, so a per-row foreign-key check would prove nothing.
        await using var transaction = await db.Dialect.BeginBulkWriteAsync(connection, cancellationToken);
        // Two imports of one symbol on PostgreSQL: the second waits here, then finds the first one's rows and merges
        // into them instead of adding the same new dates beside them.
        if (db.Dialect.TransactionLock(SqlDialect.LockKey.PriceVersion, "symbol") is { } lockSql)
        {
            await connection.ExecuteAsync(lockSql, new { symbol }, transaction);
        }
        if (!await connection.ExecuteScalarAsync<bool>(InstrumentExistsSql, new { symbol }, transaction))
        {
            var instrument = Instruments.Describe(symbol);
            var listing = ListingDefaults.For(symbol);
            var role = SeriesRoles.Name(await roles.SeedAsync(connection, transaction, symbol));
            await connection.ExecuteAsync(InsertInstrumentSql, new
            {
                instrument.Symbol,
                instrument.Name,
                listing.Currency,
                Role = role,
                listing.Exchange,
                listing.Company,
                listing.CurrencySource,
            }, transaction);
        }
        var at = clock.GetUtcNow().UtcDateTime;
        if (vintage.KnownSha256 is { } sha256 && await VintageLedger.LastAsync(connection, transaction, symbol) is { } previous
            && previous.Sha256 == sha256 && previous.Overrides == vintage.Overrides)
        {
            var same = await VintageLedger.StartAsync(connection, transaction, symbol, at, vintage.Origin, vintage.Overrides);
            await VintageLedger.FinishAsync(connection, transaction, same, symbol, at, vintage.Origin, previous.Producer, previous.Format, sha256, 0, 0, previous.Rows);
            await transaction.CommitAsync(cancellationToken);
            return new ImportReport(symbol, previous.Producer, 0, 0, previous.Rows, [], 0) { Vintage = same };
        }
        var vintageId = await VintageLedger.StartAsync(connection, transaction, symbol, at, vintage.Origin, vintage.Overrides);
        var hasRows = await connection.ExecuteScalarAsync<bool>(HasRowsSql, new { symbol }, transaction);
        // The listing's exchange as stored (an editor's correction included): its calendar judges the file's days.
        var calendar = Calendars.ExchangeCalendars.Find(await connection.ExecuteScalarAsync<string?>(ExchangeSql, new { symbol }, transaction));
        var check = calendar is null ? null : new CalendarCheck(calendar);

        // Two cores: one parses the next rows while the other writes the last ones.
        var batches = Channel.CreateBounded<PriceBar[]>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parsing = Task.Run(() => ParseAsync(reader, check, batches.Writer, stop.Token), CancellationToken.None);
        await using var writer = await db.Dialect.ForEngine(connection,
            sqlite => ValueTask.FromResult<IPriceWriter>(new SqlitePriceWriter(sqlite, symbol, hasRows, vintageId)),
            postgres => PostgresPriceWriter.StartAsync(postgres, symbol, hasRows, vintageId, cancellationToken));
        var rowHash = vintage.KnownSha256 is null && vintage.Hashing is null ? new RowHash() : null;
        try
        {
            var written = 0;
            var (first, last) = (DateOnly.MaxValue, DateOnly.MinValue);
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                // After the first error the file is refused whatever follows: the parser reads on only to list the other errors.
                if (reader.HasErrors)
                {
                    continue;
                }
                foreach (var bar in batch)
                {
                    writer.Write(bar);
                    rowHash?.Add(bar);
                    first = bar.Date < first ? bar.Date : first;
                    last = bar.Date > last ? bar.Date : last;
                }
                written += batch.Length;
                progress?.Report(new ImportProgress(reader.BytesRead, total, written));
            }
            await parsing;
            if (reader.HasErrors)
            {
                await writer.DisposeAsync();
                await transaction.RollbackAsync(CancellationToken.None);
                metrics.FileRefused("rows");
                throw new PriceFileRejectedException(symbol, PriceFile.Refused(reader));
            }
            await writer.CompleteAsync(cancellationToken);
            var contentSha256 = vintage.KnownSha256 ?? vintage.Hashing?.Finish() ?? rowHash!.Finish();
            await VintageLedger.FinishAsync(connection, transaction, vintageId, symbol, at, vintage.Origin, reader.Format, VintageLedger.FormatOf(reader.Evidence),
                contentSha256, writer.Inserted, writer.Updated, writer.Unchanged);
            if (writer.Inserted + writer.Updated > 0)
            {
                await connection.ExecuteAsync(BumpVersionSql, transaction: transaction);
                await connection.ExecuteAsync(UpdateFiguresSql, new { symbol, first, last, inserted = writer.Inserted }, transaction);
            }
            await transaction.CommitAsync(cancellationToken);
            cache.Invalidate(symbol);
            var findings = reader.Findings;
            return new ImportReport(symbol, reader.Format, writer.Inserted, writer.Updated, writer.Unchanged, findings.Warnings, findings.WarningCount, reader.Evidence,
                check?.Report())
            { Vintage = vintageId };
        }
        finally
        {
            // The writer failed or was cancelled: stop the parser too rather than leave it blocked on a full channel.
            if (!parsing.IsCompleted)
            {
                await stop.CancelAsync();
                await Task.WhenAny(parsing);
            }
        }
    }

    private static async Task ParseAsync(IBarSource reader, CalendarCheck? check, ChannelWriter<PriceBar[]> batches, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new PriceBar[BatchRows];
            var count = 0;
            while (reader.TryRead(out var bar))
            {
                check?.Add(bar, reader.Line);
                batch[count++] = bar;
                if (count == batch.Length)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await batches.WriteAsync(batch, cancellationToken);
                    batch = new PriceBar[BatchRows];
                    count = 0;
                }
            }
            if (count > 0)
            {
                await batches.WriteAsync(batch[..count], cancellationToken);
            }
        }
        finally
        {
            // A stream that fails (an upload cut short, too large, too slow) ends the batches; the importer then
            // awaits this task, which throws that failure as it was, and the transaction is rolled back.
            batches.Complete();
        }
    }
}
