using System.Net;
using System.Net.Http.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Annotations;

/// <summary>
/// An update and a delete of the same annotation sent at once, 300 times, on PostgreSQL (where writers run side by
/// side up to the lock): each pair ends with the annotation gone, and its history never has a change after "deleted".
/// </summary>
public sealed class UpdateRacingDeleteTests : IAsyncLifetime
{
    private const int Pairs = 300, AtOnce = 20;

    private readonly TempFolder _folder = new();
    private MarketContextFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        var database = _folder.Combine("db", "race.db");
        var prices = _folder.CreateFolder("prices");
        PriceFixtures.WriteStandardSeries(prices);
        _factory = new MarketContextFactory(database, prices, keysDirectory: null, new Dictionary<string, string?>
        {
            ["MarketContext:Provider"] = "postgres",
            ["MarketContext:ConnectionString"] = TestDatabase.ConnectionStringFor(database),
        });
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
    public async Task An_update_racing_a_delete_never_lands_after_it()
    {
        var ids = new List<long>();
        for (var i = 0; i < Pairs; i++)
        {
            var created = await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = $"note {i}" })).JsonAsync(HttpStatusCode.Created);
            ids.Add(created.GetProperty("id").GetInt64());
        }

        var outcomes = new List<(long Id, HttpStatusCode Update, HttpStatusCode Delete)>();
        foreach (var chunk in ids.Chunk(AtOnce))
        {
            outcomes.AddRange(await Task.WhenAll(chunk.Select(async id =>
            {
                var update = _client.PutAsJsonAsync($"/api/annotations/{id}", new { date = "2020-03-24", text = $"edited {id}" });
                var delete = _client.DeleteAsync($"/api/annotations/{id}");
                return (id, (await update).StatusCode, (await delete).StatusCode);
            })));
        }

        Assert.All(outcomes, o => Assert.Equal(HttpStatusCode.NoContent, o.Delete));
        Assert.All(outcomes, o => Assert.Contains(o.Update, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound }));
        Assert.Empty((await _client.GetJsonAsync("/api/annotations")).EnumerateArray());
        foreach (var (id, update, _) in outcomes)
        {
            var kinds = (await _client.GetJsonAsync($"/api/annotations/{id}/history")).EnumerateArray().Select(c => c.Str("kind")).ToList();
            // An update answered 200 happened before the delete; one answered 404 left no trace.
            string?[] expected = update == HttpStatusCode.OK ? ["added", "updated", "deleted"] : ["added", "deleted"];
            Assert.Equal(expected, kinds);
        }
    }
}
