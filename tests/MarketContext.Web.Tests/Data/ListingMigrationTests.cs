using Dapper;
using MarketContext.TestSupport;
using MarketContext.Web.Data;

namespace MarketContext.Web.Tests.Data;

/// <summary>
/// A database made before listings existed, its series all stored as USD, gets the defaults a new import would give
/// them when migration 0010 runs, on the engine of the run (SQLite, or PostgreSQL in the test script's second pass).
/// </summary>
public sealed class ListingMigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Series_stored_before_listings_get_their_exchange_currency_and_company_and_keep_their_prices()
    {
        var path = _folder.Combine("old.db");
        await using var db = TestDatabase.IsPostgres ? Db.ForPostgres(TestDatabase.ConnectionStringFor(path)) : new Db(path);
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(db.Dialect.CreateLedgerSql);
        foreach (var migration in Migrator.Migrations(db.Dialect).Where(m => m.Version <= 8))
        {
            await connection.ExecuteAsync(migration.Sql);
            await connection.ExecuteAsync("insert into schema_migrations (version, name, applied_at) values (@Version, @Name, @At)",
                new { migration.Version, migration.Name, At = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        }
        foreach (var (symbol, role) in new[] { ("ERIC", "vendor"), ("QQQ", "benchmark"), ("ERIC-B.ST", "other"), ("USDSEK=X", "other"), ("ABC.PA", "other"), ("SPY", "other") })
        {
            await connection.ExecuteAsync("insert into instruments (symbol, name, currency, role) values (@symbol, @symbol, 'USD', @role)", new { symbol, role });
        }
        await connection.ExecuteAsync("insert into prices (symbol, date, close) values ('ERIC-B.ST', '2019-07-01', 88.34)");

        Assert.Equal(Migrator.Migrations(db.Dialect).Count(m => m.Version > 8), await Migrator.MigrateAsync(connection, db.Dialect));

        var rows = (await connection.QueryAsync<(string Symbol, string? Exchange, string? Currency, string? Source, string? Company, string Role)>(
            "select symbol, exchange, currency, currency_source, company, role from instruments order by symbol")).ToDictionary(r => r.Symbol);
        Assert.Equal(("ABC.PA", null, null, "unknown", null, "other"), rows["ABC.PA"]);
        Assert.Equal(("ERIC", "XNAS", "USD", "known", "Ericsson", "vendor"), rows["ERIC"]);
        Assert.Equal(("ERIC-B.ST", "XSTO", "SEK", "symbol", "Ericsson", "other"), rows["ERIC-B.ST"]);
        Assert.Equal(("QQQ", "XNAS", "USD", "known", null, "benchmark"), rows["QQQ"]);
        Assert.Equal(("SPY", "XNYS", "USD", "assumed", null, "other"), rows["SPY"]);
        Assert.Equal(("USDSEK=X", null, "SEK", "pair", null, "fx"), rows["USDSEK=X"]);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("select count(*) from prices where symbol = 'ERIC-B.ST'"));
    }
}
