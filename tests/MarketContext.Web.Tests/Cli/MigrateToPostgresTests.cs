using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using MarketContext.TestSupport;
using MarketContext.Web.Cli;
using Npgsql;

namespace MarketContext.Web.Tests.Cli;

/// <summary>
/// <c>migrate-to-postgres --from &lt;sqlite file&gt;</c> moves a used SQLite database into a fresh PostgreSQL
/// database (the real server of scripts/start-services.sh, in both test runs); the app on PostgreSQL then serves
/// the same data, accepts the same tokens, and goes on numbering after the copied ids and seqs.
/// </summary>
public sealed class MigrateToPostgresTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_used_sqlite_database_moves_to_postgres_whole()
    {
        var sqliteFile = _folder.Combine("sqlite", "marketcontext.db");
        var prices = _folder.CreateFolder("prices");
        PriceFixtures.WriteStandardSeries(prices);
        string token, seriesBefore, changesBefore, setHistoryBefore;
        long lastSeq;
        await using (var sqlite = new MarketContextFactory(sqliteFile, prices, keysDirectory: null, new Dictionary<string, string?> { ["MarketContext:Provider"] = "sqlite" }))
        {
            using var client = sqlite.Authorize(sqlite.CreateClient());
            token = sqlite.TokenFor("migrated-editor", "editor");
            var kept = await (await client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", symbol = "ERIC", text = "Kept" })).JsonAsync(HttpStatusCode.Created);
            var gone = await (await client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-24", text = "Gone" })).JsonAsync(HttpStatusCode.Created);
            await (await client.PutAsJsonAsync($"/api/annotations/{kept.GetProperty("id").GetInt64()}", new { date = "2020-03-23", text = "Kept, edited" })).JsonAsync();
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/annotations/{gone.GetProperty("id").GetInt64()}")).StatusCode);
            using var admin = sqlite.Authorize(sqlite.CreateClient(), "set-admin", "admin");
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/event-sets/huawei-5g-europe/events/E01")).StatusCode);
            setHistoryBefore = await client.GetStringAsync("/api/event-sets/huawei-5g-europe/history");
            seriesBefore = await client.GetStringAsync("/api/series");
            changesBefore = await client.GetStringAsync("/api/annotations/changes?afterSeq=0");
            // The last change the source logged, read back rather than assumed: the target's log goes on from it.
            lastSeq = System.Text.Json.JsonDocument.Parse(changesBefore).RootElement.EnumerateArray().Max(c => c.GetProperty("seq").GetInt64());
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        string firstDate, annotationCreated;
        await using (var source = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={sqliteFile};Pooling=false"))
        {
            await source.OpenAsync();
            firstDate = await source.ExecuteScalarAsync<string>("select min(date) from prices where symbol = 'ERIC'") ?? "";
            annotationCreated = await source.ExecuteScalarAsync<string>("select created_at from annotations") ?? "";
            // Text as Microsoft.Data.Sqlite writes a DateTime bound without the app's handler: no T, no zone, 7 digits.
            await source.ExecuteAsync("update audit_log set at = '2020-01-02 03:04:05.1234567' where id = (select min(id) from audit_log)");
        }

        var postgres = new Dictionary<string, string?>
        {
            ["MarketContext:Provider"] = "postgres",
            ["MarketContext:ConnectionString"] = TestDatabase.ConnectionStringFor(_folder.Combine("postgres", "target")),
        };
        // No prices folder: the target starts empty but for its schema and the event catalogue.
        await using var target = new MarketContextFactory(_folder.Combine("unused.db"), _folder.Combine("no-prices"), keysDirectory: null, postgres);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(["migrate-to-postgres", "--from", sqliteFile], target.Services, TextReader.Null, output, error);
        Assert.True(code == 0, error.ToString());
        Assert.Contains("annotation_changes: 4 row(s)", output.ToString());
        Assert.Contains("data_protection_keys: 1 row(s)", output.ToString());

        using var migrated = target.CreateClient();
        migrated.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(seriesBefore, await migrated.GetStringAsync("/api/series"));
        Assert.Equal(changesBefore, await migrated.GetStringAsync("/api/annotations/changes?afterSeq=0"));
        // The shipped set as the source had changed it, with its whole history, not the target's own seed.
        Assert.Equal(setHistoryBefore, await migrated.GetStringAsync("/api/event-sets/huawei-5g-europe/history"));
        await (await migrated.PostAsJsonAsync("/api/event-sets", new { slug = "after-the-move", title = "New" })).JsonAsync(HttpStatusCode.Created);
        var prices2020 = await migrated.GetJsonAsync("/api/series/ERIC/prices?from=2019-01-01&to=2020-12-31");
        Assert.True(prices2020.GetArrayLength() > 0);

        // Typed values arrived: a date, timestamps in UTC, SQLite's own timestamp form read as UTC too.
        await using (var copied = new NpgsqlConnection(postgres["MarketContext:ConnectionString"]))
        {
            await copied.OpenAsync();
            Assert.Equal(DateOnly.ParseExact(firstDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                await ScalarAsync<DateOnly>(copied, "select min(date) from prices where symbol = 'ERIC'"));
            Assert.Equal(DateTime.Parse(annotationCreated, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                await ScalarAsync<DateTime>(copied, "select created_at from annotations"));
            Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_560),
                await ScalarAsync<DateTime>(copied, "select at from audit_log order by id limit 1"));
        }

        var next = await (await migrated.PostAsJsonAsync("/api/annotations", new { date = "2020-04-01", text = "After the move" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(lastSeq + 1, next.GetProperty("seq").GetInt64());
        Assert.Equal(3, next.GetProperty("id").GetInt64());

        // A second run finds data there and copies nothing.
        using var again = new StringWriter();
        using var againError = new StringWriter();
        Assert.Equal(1, await CommandLine.RunAsync(["migrate-to-postgres", "--from", sqliteFile], target.Services, TextReader.Null, again, againError));
        Assert.Contains("Nothing was copied", againError.ToString());
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var value = reader.GetFieldValue<T>(0);
        Assert.Equal(DateTimeKind.Utc, value is DateTime time ? time.Kind : DateTimeKind.Utc);
        return value;
    }
}
