using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MarketContext.Web.Features.Prices;

/// <summary>
/// Writes one symbol's bars inside the caller's transaction through statements prepared once and stepped per
/// row: the SQLite-specific fast path of the importer (PostgreSQL would use COPY here). It talks to SQLite's
/// C API (SQLitePCL, under Microsoft.Data.Sqlite) because ADO.NET's parameter objects cost about as much per row
/// as SQLite's own insert. A symbol without rows gets plain inserts; one with rows is compared row by row, so
/// that only bars that differ are written and the report can tell inserted, updated and unchanged apart.
/// </summary>
internal sealed class SqlitePriceWriter : IPriceWriter
{
    private const string InsertSql = """
        insert into prices (symbol, date, open, high, low, close, adj_close, volume) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        """;

    private const string SelectSql = """
        select open, high, low, close, adj_close, volume from prices where symbol = ?1 and date = ?2
        """;

    private const string UpdateSql = """
        update prices set open = ?3, high = ?4, low = ?5, close = ?6, adj_close = ?7, volume = ?8 where symbol = ?1 and date = ?2
        """;

    private readonly sqlite3 _db;
    private readonly bool _compare;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt? _select;
    private readonly sqlite3_stmt? _update;

    public SqlitePriceWriter(SqliteConnection connection, string symbol, bool symbolHasRows)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _compare = symbolHasRows;
        _insert = Prepare(InsertSql, symbol);
        if (_compare)
        {
            _select = Prepare(SelectSql, symbol);
            _update = Prepare(UpdateSql, symbol);
        }
    }

    public int Inserted { get; private set; }
    public int Updated { get; private set; }
    public int Unchanged { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(PriceBar bar)
    {
        Span<byte> date = stackalloc byte[10];
        if (!bar.Date.TryFormat(date, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture) || length != 10)
        {
            throw new InvalidOperationException($"{bar.Date} cannot be written as yyyy-MM-dd.");
        }
        if (_compare)
        {
            Check(raw.sqlite3_bind_text(_select!, 2, date));
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
                Step(_update!, bar, date);
                Updated++;
                return;
            }
            raw.sqlite3_reset(_select!);
            if (found != raw.SQLITE_DONE)
            {
                Check(found);
            }
        }
        Step(_insert, bar, date);
        Inserted++;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step(sqlite3_stmt statement, PriceBar bar, ReadOnlySpan<byte> date)
    {
        Check(raw.sqlite3_bind_text(statement, 2, date));
        Bind(statement, 3, bar.Open);
        Bind(statement, 4, bar.High);
        Bind(statement, 5, bar.Low);
        Check(raw.sqlite3_bind_double(statement, 6, bar.Close));
        Bind(statement, 7, bar.AdjClose);
        Check(bar.Volume is { } volume ? raw.sqlite3_bind_int64(statement, 8, volume) : raw.sqlite3_bind_null(statement, 8));
        var done = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (done != raw.SQLITE_DONE)
        {
            Check(done);
        }
    }

    private void Bind(sqlite3_stmt statement, int index, double? value) =>
        Check(value is { } v ? raw.sqlite3_bind_double(statement, index, v) : raw.sqlite3_bind_null(statement, index));

    private sqlite3_stmt Prepare(string sql, string symbol)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        Check(raw.sqlite3_bind_text(statement, 1, symbol));
        return statement;
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Dispose()
    {
        _insert.Dispose();
        _select?.Dispose();
        _update?.Dispose();
    }
}
