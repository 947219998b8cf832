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

    [Fact]
    public async Task An_annotation_posted_while_a_slow_import_holds_the_writer_gets_503_and_is_stored_after_the_import()
    {
        var file = PriceFixtures.Yahoo(10, 0.01, rows: 4000);
        var cut = file.IndexOf('\n', file.Length * 3 / 4);
        var rest = new TaskCompletionSource();
        using var body = new HeldBackContent(file[..cut], rest.Task, file[cut..]);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var import = _client.PostAsync("/api/series/SLOW/import", body);
        // The import's transaction has begun once nobody else can take SQLite's writer lock.
        for (var waited = 0; !await WriterHeldAsync() && waited < 200; waited++)
        {
            await Task.Delay(50);
        }

        var whileImporting = await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "during the import" });
        rest.SetResult();
        var report = await (await import).JsonAsync();
        var afterwards = await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "after the import" });

        await whileImporting.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), whileImporting.Headers.RetryAfter?.Delta);
        Assert.Equal(4000, report.GetProperty("inserted").GetInt32());
        await afterwards.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(["after the import"], (await _client.GetJsonAsync("/api/annotations")).EnumerateArray().Select(a => a.Str("text")));
    }

    private async Task<bool> WriterHeldAsync()
    {
        await using var probe = new SqliteConnection($"Data Source={_factory.DatabasePath};Pooling=false;Default Timeout=1");
        await probe.OpenAsync();
        try
        {
            await using var transaction = probe.BeginTransaction(deferred: false);
            return false;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 5)
        {
            return true;
        }
    }

    /// <summary>A CSV upload that sends its first part, then waits, as a slow client's would, before the rest.</summary>
    private sealed class HeldBackContent(string first, Task held, string rest) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(first));
            await stream.FlushAsync();
            await held;
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(rest));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
