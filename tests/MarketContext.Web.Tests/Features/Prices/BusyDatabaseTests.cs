using System.Net;
using System.Net.Http.Json;
using MarketContext.TestSupport;
using Microsoft.Data.Sqlite;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>
/// SQLite has one writer: while another connection holds its write lock (as a long import does), other writes wait
/// <c>MarketContext:DatabaseBusySeconds</c> and are then answered 503 with Retry-After, storing nothing; once the lock
/// is gone the same request succeeds.
/// </summary>
public sealed class BusyDatabaseTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private MarketContextFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = MarketContextFactory.In(_folder, new Dictionary<string, string?>
        {
            // The writer lock is SQLite's; PostgreSQL writers wait on row locks instead.
            ["MarketContext:Provider"] = "sqlite",
            ["MarketContext:DatabaseBusySeconds"] = "1",
        });
        PriceFixtures.WriteStandardSeries(_factory.PricesDirectory);
        _client = _factory.Authorize(new HttpClient { BaseAddress = new Uri(_factory.StartKestrel()) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Writes_behind_a_held_writer_lock_get_503_with_Retry_After_and_succeed_after_it()
    {
        await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "before" })).JsonAsync(HttpStatusCode.Created);

        HttpResponseMessage annotation, import;
        await using (var holder = new SqliteConnection($"Data Source={_factory.DatabasePath};Pooling=false"))
        {
            await holder.OpenAsync();
            await using var longImport = holder.BeginTransaction(deferred: false);
            annotation = await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "while busy" });
            import = await _client.PostAsync("/api/series/BUSY/import", Api.Csv(PriceFixtures.Yahoo(10, 0.5)));
        }

        foreach (var refused in new[] { annotation, import })
        {
            await refused.ProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        }
        Assert.Equal(["before"], (await _client.GetJsonAsync("/api/annotations")).EnumerateArray().Select(a => a.Str("text")));
        await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "after" })).JsonAsync(HttpStatusCode.Created);
        await (await _client.PostAsync("/api/series/BUSY/import", Api.Csv(PriceFixtures.Yahoo(10, 0.5)))).JsonAsync();
    }
}
