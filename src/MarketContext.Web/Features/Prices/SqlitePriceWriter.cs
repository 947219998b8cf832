using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MarketContext.Web.Features.Prices;

/// <summary>
/// Writes one symbol's bars inside the caller's transaction through statements prepared once: the importer's
/// SQLite writer (<see cref="PostgresPriceWriter"/> is its PostgreSQL one, on COPY). It talks to SQLite's
/// C API (SQLitePCL, under Microsoft.Data.Sqlite) because ADO.NET's parameter objects cost about as much per row
/// as SQLite's own insert. A symbol without rows gets plain inserts, <see cref="RowsPerInsert"/> rows per statement
/// (one step per row costs more than the insert itself); one with rows is compared row by row, so that only bars
/// that differ are written and the report can tell inserted, updated and unchanged apart. Every row written names
/// the import's vintage (<c>?2</c>); a row it changes first leaves its values, with the vintages they were valid in,
/// in <c>price_revisions</c>.
/// </summary>
internal sealed class SqlitePriceWriter : IPriceWriter
{
    private const string InsertSql = """
        insert into prices (symbol, date, open, high, low, close, adj_close, volume, vintage_id) values (?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?2)
        """;

    private const int RowsPerInsert = 64;

    /// <summary>The symbol is <c>?1</c>, the vintage <c>?2</c>; row r binds its seven values from <c>?(3 + 7r)</c> on.</summary>
    private static readonly string InsertManySql =
        "insert into prices (symbol, date, open, high, low, close, adj_close, volume, vintage_id) values "
        + string.Join(", ", Enumerable.Range(0, RowsPerInsert).Select(r => $"(?1, {string.Join(", ", Enumerable.Range(3 + 7 * r, 7).Select(i => $"?{i}"))}, ?2)"));

    private const string SelectSql = """
        select open, high, low, close, adj_close, volume from prices where symbol = ?1 and date = ?3
        """;

    private const string KeepRevisionSql = """
        insert into price_revisions (symbol, date, open, high, low, close, adj_close, volume, valid_from, valid_to)
        select symbol, date, open, high, low, close, adj_close, volume, vintage_id, ?2 from prices where symbol = ?1 and date = ?3
        """;

    private const string UpdateSql = """
        update prices set open = ?4, high = ?5, low = ?6, close = ?7, adj_close = ?8, volume = ?9, vintage_id = ?2 where symbol = ?1 and date = ?3
        """;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt? _insertMany;
    private readonly PriceBar[] _pending = new PriceBar[RowsPerInsert];
    private int _pendingCount;
    private readonly sqlite3_stmt? _select;
    private readonly sqlite3_stmt? _update;
    private readonly sqlite3_stmt? _keepRevision;

    public SqlitePriceWriter(SqliteConnection connection, string symbol, bool symbolHasRows, long vintage)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _insert = Prepare(InsertSql, symbol, vintage);
        if (!symbolHasRows)
        {
            _insertMany = Prepare(InsertManySql, symbol, vintage);
        }
        else
        {
            _select = Prepare(SelectSql, symbol, vintage: null);
            _keepRevision = Prepare(KeepRevisionSql, symbol, vintage);
            _update = Prepare(UpdateSql, symbol, vintage);
        }
    }

    public int Inserted { get; private set; }
    public int Updated { get; private set; }
    public int Unchanged { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(PriceBar bar)
    {
        if (_insertMany is not null)
        {
            _pending[_pendingCount++] = bar;
            if (_pendingCount == RowsPerInsert)
            {
                InsertPending();
            }
            return;
        }
        Span<byte> date = stackalloc byte[10];
        Format(bar.Date, date);
        Check(raw.sqlite3_bind_text(_select!, 3, date));
        var found = raw.sqlite3_step(_select!);
        if (found == raw.SQLITE_ROW)
        {
            var same = Same(bar);
            raw.sqlite3_reset(_select!);
            if (same)
            {
                Unchanged++;
                return;
            }
            Check(raw.sqlite3_bind_text(_keepRevision!, 3, date));
            StepAndReset(_keepRevision!);
            Step(_update!, bar, date);
            Updated++;
            return;
        }
        raw.sqlite3_reset(_select!);
        if (found != raw.SQLITE_DONE)
        {
            Check(found);
        }
        Step(_insert, bar, date);
        Inserted++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void InsertPending()
    {
        Span<byte> date = stackalloc byte[10];
        for (var i = 0; i < RowsPerInsert; i++)
        {
            Format(_pending[i].Date, date);
            Bind(_insertMany!, 7 * i, _pending[i], date);
        }
        StepAndReset(_insertMany!);
        Inserted += RowsPerInsert;
        _pendingCount = 0;
    }

    private static void Format(DateOnly day, Span<byte> date)
    {
        if (!day.TryFormat(date, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture) || length != 10)
        {
            throw new InvalidOperationException($"{day} cannot be written as yyyy-MM-dd.");
        }
    }

    private bool Same(PriceBar bar) =>
        Equal(0, bar.Open) && Equal(1, bar.High) && Equal(2, bar.Low) && Equal(3, bar.Close) && Equal(4, bar.AdjClose)
        && (raw.sqlite3_column_type(_select!, 5) == raw.SQLITE_NULL
            ? bar.Volume is null
            : bar.Volume == raw.sqlite3_column_int64(_select!, 5));

    private bool Equal(int column, double? value) =>
        raw.sqlite3_column_type(_select!, column) == raw.SQLITE_NULL
            ? value is null
            : value == raw.sqlite3_column_double(_select!, column);

    private void Step(sqlite3_stmt statement, PriceBar bar, ReadOnlySpan<byte> date)
    {
        Bind(statement, 0, bar, date);
        StepAndReset(statement);
    }

    /// <summary>Binds a bar's seven values from parameter <c>3 + offset</c> on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Bind(sqlite3_stmt statement, int offset, PriceBar bar, ReadOnlySpan<byte> date)
    {
        Check(raw.sqlite3_bind_text(statement, offset + 3, date));
        Bind(statement, offset + 4, bar.Open);
        Bind(statement, offset + 5, bar.High);
        Bind(statement, offset + 6, bar.Low);
        Check(raw.sqlite3_bind_double(statement, offset + 7, bar.Close));
        Bind(statement, offset + 8, bar.AdjClose);
        Check(bar.Volume is { } volume ? raw.sqlite3_bind_int64(statement, offset + 9, volume) : raw.sqlite3_bind_null(statement, offset + 9));
    }

    private void StepAndReset(sqlite3_stmt statement)
    {
        var done = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (done != raw.SQLITE_DONE)
        {
            Check(done);
        }
    }

    private void Bind(sqlite3_stmt statement, int index, double? value) =>
        Check(value is { } v ? raw.sqlite3_bind_double(statement, index, v) : raw.sqlite3_bind_null(statement, index));

    private sqlite3_stmt Prepare(string sql, string symbol, long? vintage)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        Check(raw.sqlite3_bind_text(statement, 1, symbol));
        if (vintage is { } id)
        {
            Check(raw.sqlite3_bind_int64(statement, 2, id));
        }
        return statement;
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    /// <summary>The last rows of a file, fewer than a whole statement's worth, one by one.</summary>
    public Task CompleteAsync(CancellationToken cancellationToken)
    {
        Span<byte> date = stackalloc byte[10];
        for (var i = 0; i < _pendingCount; i++)
        {
            Format(_pending[i].Date, date);
            Step(_insert, _pending[i], date);
        }
        Inserted += _pendingCount;
        _pendingCount = 0;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Dispose()
    {
        _insert.Dispose();
        _insertMany?.Dispose();
        _select?.Dispose();
        _update?.Dispose();
        _keepRevision?.Dispose();
    }
}
