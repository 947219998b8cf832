using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Web.Tests.Features.EventSets;

/// <summary>Editors changing one set at once, over real HTTP, while a viewer listens on the hub.</summary>
public sealed class EventSetConcurrencyTests : IAsyncLifetime
{
    private const int Writers = 6, PerWriter = 6;

    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly ConcurrentQueue<(string Slug, long Version)> _seen = new();
    private HubConnection? _viewer;
    private string _baseUrl = "";

    public EventSetConcurrencyTests()
    {
        _factory = MarketContextFactory.In(_folder);
        PriceFixtures.WriteStandardSeries(_factory.PricesDirectory);
    }

    public async Task InitializeAsync()
    {
        _baseUrl = _factory.StartKestrel();
        _viewer = new HubConnectionBuilder().WithUrl(_baseUrl + "/hubs/annotations").Build();
        _viewer.On<JsonElement>("eventSetChanged", c => _seen.Enqueue((c.GetProperty("slug").GetString()!, c.GetProperty("version").GetInt64())));
        await _viewer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _viewer!.DisposeAsync();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    private HttpClient Writer(string name, string role) => _factory.Authorize(new HttpClient { BaseAddress = new Uri(_baseUrl) }, name, role);

    [Fact]
    public async Task Editors_writing_one_set_at_once_lose_nothing_and_every_viewer_hears_each_version()
    {
        using var owner = Writer("owner", "editor");
        await (await owner.PostAsJsonAsync("/api/event-sets", new { slug = "busy", title = "Busy" })).JsonAsync(HttpStatusCode.Created);
        await (await owner.PostAsJsonAsync("/api/event-sets/busy/events", EventSetEndpointTests.Event("SHARED", "v0"))).JsonAsync(HttpStatusCode.Created);
        // The owner and admins may all change the set: each writer adds its own events and rewrites the shared one.
        var clients = Enumerable.Range(0, Writers).Select(w => w == 0 ? owner : Writer($"admin{w}", "admin")).ToList();

        var statuses = await Task.WhenAll(clients.Select(async (client, w) =>
        {
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < PerWriter; i++)
            {
                codes.Add((await client.PostAsJsonAsync("/api/event-sets/busy/events", EventSetEndpointTests.Event($"W{w}-{i}", $"writer {w} event {i}"))).StatusCode);
                codes.Add((await client.PutAsJsonAsync("/api/event-sets/busy/events/SHARED", EventSetEndpointTests.Event("SHARED", $"writer {w} edit {i}"))).StatusCode);
            }
            return codes;
        }));

        Assert.All(statuses.SelectMany(s => s), code => Assert.True(code is HttpStatusCode.Created or HttpStatusCode.OK, code.ToString()));
        var set = await owner.GetJsonAsync("/api/event-sets/busy");
        var ids = set.GetProperty("events").EnumerateArray().Select(e => e.Str("id")).ToHashSet();
        Assert.Equal(Writers * PerWriter + 1, ids.Count);
        Assert.All(Enumerable.Range(0, Writers).SelectMany(w => Enumerable.Range(0, PerWriter).Select(i => $"W{w}-{i}")), id => Assert.Contains(id, ids));
        var last = 2 + 2 * Writers * PerWriter;
        Assert.Equal(last, set.GetProperty("version").GetInt64());

        var history = (await owner.GetJsonAsync("/api/event-sets/busy/history")).EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, last).Select(v => (long)v), history.Select(h => h.GetProperty("version").GetInt64()));
        var edits = history.Where(h => h.Str("kind") == "event-updated").Select(h => h.GetProperty("changes")[0]).ToList();
        Assert.Equal(Writers * PerWriter, edits.Count);
        // Each edit starts from the one before it: no write was made over a state it did not see.
        Assert.All(edits.Zip(edits.Skip(1)), pair => Assert.Equal(pair.First.GetProperty("after").Str("title"), pair.Second.GetProperty("before").Str("title")));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_seen.Count < last && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Equal(Enumerable.Range(1, last).Where(v => v > 1).Select(v => (long)v), _seen.Where(s => s.Slug == "busy").Select(s => s.Version).Order());

        // A viewer that was away since version 10 catches up from the changes feed.
        var missed = (await owner.GetJsonAsync("/api/event-sets/busy/changes?afterVersion=10")).EnumerateArray().Select(c => c.GetProperty("version").GetInt64());
        Assert.Equal(Enumerable.Range(11, last - 10).Select(v => (long)v), missed);
        clients.Skip(1).ToList().ForEach(c => c.Dispose());
    }
}
