using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Web.Tests.Features.Annotations;

/// <summary>Twenty editors writing fifty annotations each, at once, while three viewers listen.</summary>
public sealed class ConcurrentWritersTests : IAsyncLifetime
{
    private const int Writers = 20, PerWriter = 50;

    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly List<(HubConnection Hub, ConcurrentDictionary<long, long> Seen)> _viewers = [];
    private string _baseUrl = "";

    public ConcurrentWritersTests()
    {
        _factory = MarketContextFactory.In(_folder);
        PriceFixtures.WriteStandardSeries(_factory.PricesDirectory);
    }

    public async Task InitializeAsync()
    {
        _baseUrl = _factory.StartKestrel();
        for (var i = 0; i < 3; i++)
        {
            var seen = new ConcurrentDictionary<long, long>();
            var hub = new HubConnectionBuilder().WithUrl(_baseUrl + "/hubs/annotations").Build();
            hub.On<JsonElement>("annotationAdded", a => seen[a.GetProperty("id").GetInt64()] = a.GetProperty("seq").GetInt64());
            await hub.StartAsync();
            _viewers.Add((hub, seen));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (hub, _) in _viewers)
        {
            await hub.DisposeAsync();
        }
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Every_annotation_is_stored_with_a_unique_gap_free_seq_and_reaches_every_viewer()
    {
        var clients = Enumerable.Range(0, Writers)
            .Select(w => _factory.Authorize(new HttpClient { BaseAddress = new Uri(_baseUrl) }, $"writer{w}", "editor"))
            .ToList();

        var statuses = await Task.WhenAll(clients.Select(async (client, w) =>
        {
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < PerWriter; i++)
            {
                codes.Add((await client.PostAsJsonAsync("/api/annotations", new { date = "2020-02-20", text = $"writer {w} note {i}" })).StatusCode);
            }
            return codes;
        }));

        Assert.All(statuses.SelectMany(s => s), code => Assert.Equal(HttpStatusCode.Created, code));
        using var reader = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        var stored = (await reader.GetJsonAsync("/api/annotations")).EnumerateArray()
            .ToDictionary(a => a.GetProperty("id").GetInt64(), a => a.GetProperty("seq").GetInt64());
        Assert.Equal(Writers * PerWriter, stored.Count);
        Assert.Equal(Enumerable.Range(1, Writers * PerWriter).Select(i => (long)i), stored.Values.Order());

        // Pushes follow their commits; give the last ones a moment to land, then every viewer must match the database.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_viewers.Any(v => v.Seen.Count < stored.Count) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.All(_viewers, v => Assert.Equal(stored.OrderBy(p => p.Key), v.Seen.OrderBy(p => p.Key)));
        clients.ForEach(c => c.Dispose());
    }
}
