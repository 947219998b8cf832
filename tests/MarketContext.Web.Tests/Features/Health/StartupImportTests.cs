using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Health;

public sealed class StartupImportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Refused_file_in_the_prices_folder_is_left_out_and_the_app_still_becomes_ready()
    {
        using var factory = MarketContextFactory.In(_folder);
        File.WriteAllText(Path.Combine(factory.PricesDirectory, "ERIC.csv"), PriceFixtures.Yahoo(8, 0.05));
        File.WriteAllText(Path.Combine(factory.PricesDirectory, "BROKEN.csv"), "<!DOCTYPE html><html>Service unavailable</html>");
        File.WriteAllText(Path.Combine(factory.PricesDirectory, "README.md"), "not a price file");
        using var client = factory.CreateClient();

        Assert.Equal("ready", (await client.GetJsonAsync("/healthz")).Str("status"));
        var series = (await client.GetJsonAsync("/api/series")).EnumerateArray().ToDictionary(s => s.Str("symbol")!, s => s.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["ERIC"] = PriceFixtures.Rows }, series);
    }

    [Fact]
    public async Task Missing_prices_folder_still_starts_with_no_series()
    {
        using var factory = new MarketContextFactory(_folder.Combine("db", "empty.db"), _folder.Combine("no-such-folder"), _folder.Combine("keys"));
        using var client = factory.CreateClient();

        Assert.Equal("ready", (await client.GetJsonAsync("/healthz")).Str("status"));
        Assert.Equal(0, (await client.GetJsonAsync("/api/series")).GetArrayLength());
        Assert.False(Directory.Exists(_folder.Combine("no-such-folder")));
        // The database is created and migrated where configured: the SQLite file, or (PostgreSQL run) the server's database.
        var path = _folder.Combine("db", "empty.db");
        await using System.Data.Common.DbConnection connection = TestDatabase.IsPostgres
            ? new Npgsql.NpgsqlConnection(TestDatabase.ConnectionStringFor(path))
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = CountMigrationsSql;
        Assert.True(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    private const string CountMigrationsSql = "select count(*) from schema_migrations";
}
