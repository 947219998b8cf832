using Npgsql;
using NpgsqlTypes;

namespace MarketContext.Web.Features.Prices;

/// <summary>
/// The PostgreSQL fast path of the importer: binary COPY. A symbol without rows is copied straight into
/// <c>prices</c>; one with rows is copied into a temporary table (dropped at commit) and merged with two set
/// statements, which also tell inserted, updated and unchanged apart; the values a merge changes are first kept in
/// <c>price_revisions</c> with the vintages they were valid in. A refused file never completes its COPY,
/// and the importer rolls the transaction back, so nothing is stored.
/// </summary>
internal sealed class PostgresPriceWriter : IPriceWriter
{
    private const string CreateStagingSql = """
        create temp table import_prices (
            date date not null, open double precision, high double precision, low double precision,
            close double precision not null, adj_close double precision, volume bigint
        ) on commit drop
        """;

    private const string Differs = """
        (p.open is distinct from t.open or p.high is distinct from t.high or p.low is distinct from t.low
         or p.close is distinct from t.close or p.adj_close is distinct from t.adj_close or p.volume is distinct from t.volume)
        """;

    private const string KeepRevisionsSql = $"""
        insert into price_revisions (symbol, date, open, high, low, close, adj_close, volume, valid_from, valid_to)
        select p.symbol, p.date, p.open, p.high, p.low, p.close, p.adj_close, p.volume, p.vintage_id, @vintage
        from prices p join import_prices t on p.date = t.date
        where p.symbol = @symbol and {Differs}
        """;

    private const string UpdateSql = $"""
        update prices p set open = t.open, high = t.high, low = t.low, close = t.close, adj_close = t.adj_close, volume = t.volume, vintage_id = @vintage
        from import_prices t
        where p.symbol = @symbol and p.date = t.date and {Differs}
        """;

    private const string InsertSql = """
        insert into prices (symbol, date, open, high, low, close, adj_close, volume, vintage_id)
        select @symbol, t.date, t.open, t.high, t.low, t.close, t.adj_close, t.volume, @vintage
        from import_prices t
        where not exists (select 1 from prices p where p.symbol = @symbol and p.date = t.date)
        """;

    private readonly NpgsqlConnection _connection;
    private readonly string _symbol;
    private readonly bool _merge;
    private readonly long _vintage;
    private NpgsqlBinaryImporter? _copy;
    private int _rows;

    private PostgresPriceWriter(NpgsqlConnection connection, string symbol, bool merge, long vintage)
    {
        _connection = connection;
        _symbol = symbol;
        _merge = merge;
        _vintage = vintage;
    }

    public int Inserted { get; private set; }
    public int Updated { get; private set; }
    public int Unchanged { get; private set; }

    public static async ValueTask<IPriceWriter> StartAsync(NpgsqlConnection connection, string symbol, bool symbolHasRows, long vintage, CancellationToken cancellationToken)
    {
        var writer = new PostgresPriceWriter(connection, symbol, symbolHasRows, vintage);
        if (symbolHasRows)
        {
            await using var create = new NpgsqlCommand(CreateStagingSql, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            writer._copy = await connection.BeginBinaryImportAsync(
                "copy import_prices (date, open, high, low, close, adj_close, volume) from stdin (format binary)", cancellationToken);
        }
        else
        {
            writer._copy = await connection.BeginBinaryImportAsync(
                "copy prices (symbol, date, open, high, low, close, adj_close, volume, vintage_id) from stdin (format binary)", cancellationToken);
        }
        return writer;
    }

    public void Write(PriceBar bar)
    {
        var copy = _copy!;
        copy.StartRow();
        if (!_merge)
        {
            copy.Write(_symbol, NpgsqlDbType.Text);
        }
        copy.Write(bar.Date, NpgsqlDbType.Date);
        WriteDouble(copy, bar.Open);
        WriteDouble(copy, bar.High);
        WriteDouble(copy, bar.Low);
        copy.Write(bar.Close, NpgsqlDbType.Double);
        WriteDouble(copy, bar.AdjClose);
        if (bar.Volume is { } volume)
        {
            copy.Write(volume, NpgsqlDbType.Bigint);
        }
        else
        {
            copy.WriteNull();
        }
        if (!_merge)
        {
            copy.Write(_vintage, NpgsqlDbType.Bigint);
        }
        _rows++;
    }

    private static void WriteDouble(NpgsqlBinaryImporter copy, double? value)
    {
        if (value is { } v)
        {
            copy.Write(v, NpgsqlDbType.Double);
        }
        else
        {
            copy.WriteNull();
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await _copy!.CompleteAsync(cancellationToken);
        await _copy.DisposeAsync();
        _copy = null;
        if (!_merge)
        {
            Inserted = _rows;
            return;
        }
        await ExecuteAsync(KeepRevisionsSql, cancellationToken);
        Updated = await ExecuteAsync(UpdateSql, cancellationToken);
        Inserted = await ExecuteAsync(InsertSql, cancellationToken);
        Unchanged = _rows - Updated - Inserted;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        command.Parameters.AddWithValue("symbol", NpgsqlDbType.Text, _symbol);
        command.Parameters.AddWithValue("vintage", NpgsqlDbType.Bigint, _vintage);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing an unfinished COPY cancels it; the importer then rolls back.
        if (_copy is not null)
        {
            try
            {
                await _copy.DisposeAsync();
            }
            catch (PostgresException)
            {
                // The cancelled COPY reports itself as an error; the rollback that follows is what matters.
            }
            _copy = null;
        }
    }
}
