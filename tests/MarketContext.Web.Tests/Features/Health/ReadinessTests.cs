using System.Net;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Health;

/// <summary>
/// The app on a PostgreSQL cluster and a Redis of this test's own, so that stopping them disturbs nobody else:
/// readiness follows them down and back up, liveness stays.
/// </summary>
public sealed class ReadinessFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public PrivatePostgres Postgres { get; private set; } = null!;
    public PrivateRedis Redis { get; private set; } = null!;
    public MarketContextFactory Factory { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PrivatePostgres.StartAsync(_folder);
        Redis = await PrivateRedis.StartAsync();
        var prices = _folder.CreateFolder("prices");
        PriceFixtures.WriteStandardSeries(prices);
        Factory = new MarketContextFactory(_folder.Combine("db", "unused.db"), prices, keysDirectory: null, new Dictionary<string, string?>
        {
            ["MarketContext:Provider"] = "postgres",
            ["MarketContext:ConnectionString"] = Postgres.ConnectionString,
            ["MarketContext:Redis"] = Redis.Configuration,
        });
        Client = Factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
        _folder.Dispose();
    }
}

public sealed class ReadinessTests(ReadinessFixture app) : IClassFixture<ReadinessFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReadinessAsync()
    {
        var response = await app.Client.GetAsync("/healthz");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> WaitForAsync(HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var answer = await ReadinessAsync();
            if (answer.Status == wanted || DateTime.UtcNow > deadline)
            {
                return answer;
            }
            await Task.Delay(200);
        }
    }

    private static List<string?> Failing(JsonElement body) => [.. body.GetProperty("failing").EnumerateArray().Select(f => f.GetString())];

    [Fact]
    public async Task Ready_names_every_part_it_checked()
    {
        var (status, body) = await WaitForAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", body.Str("status"));
        Assert.Equal(["database", "migrations", "redis", "startup-import"], body.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order());
        Assert.All(body.GetProperty("checks").EnumerateObject(), c => Assert.Equal("healthy", c.Value.Str("status")));
    }

    [Fact]
    public async Task Readiness_is_503_naming_the_database_while_PostgreSQL_is_stopped_and_200_when_it_is_back()
    {
        Assert.Equal(HttpStatusCode.OK, (await WaitForAsync(HttpStatusCode.OK)).Status);

        await app.Postgres.StopAsync();
        var (down, body) = await WaitForAsync(HttpStatusCode.ServiceUnavailable);
        var live = await app.Client.GetAsync("/healthz/live");
        await app.Postgres.StartAsync();
        var (back, _) = await WaitForAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
        Assert.Equal("unavailable", body.Str("status"));
        Assert.Equal(["database"], Failing(body));
        Assert.Contains("database", body.Str("detail"), StringComparison.Ordinal);
        // An anonymous caller learns which part fails, never the driver's text (the server's address, its messages).
        Assert.Equal("The database does not answer.", body.GetProperty("checks").GetProperty("database").Str("description"));
        Assert.True(body.GetProperty("checks").GetProperty("database").IsNull("error"));
        Assert.DoesNotContain($":{app.Postgres.Port}", body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("refused", body.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, back);
    }

    [Fact]
    public async Task Readiness_is_503_naming_redis_while_it_is_stopped_and_200_when_it_is_back()
    {
        Assert.Equal(HttpStatusCode.OK, (await WaitForAsync(HttpStatusCode.OK)).Status);

        await app.Redis.StopAsync();
        var (down, body) = await WaitForAsync(HttpStatusCode.ServiceUnavailable);
        await app.Redis.StartAgainAsync();
        var (back, _) = await WaitForAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
        Assert.Equal(["redis"], Failing(body));
        Assert.Equal("Redis does not answer.", body.GetProperty("checks").GetProperty("redis").Str("description"));
        Assert.True(body.GetProperty("checks").GetProperty("redis").IsNull("error"));
        Assert.Equal(HttpStatusCode.OK, back);
    }

    [Fact]
    public async Task Liveness_answers_without_checking_anything()
    {
        var live = await app.Client.GetJsonAsync("/healthz/live");

        Assert.Equal("alive", live.Str("status"));
    }
}
