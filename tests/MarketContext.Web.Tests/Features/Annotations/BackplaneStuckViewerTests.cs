using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Web.Tests.Features.Annotations;

/// <summary>
/// With the Redis backplane on, a viewer that never reads shares an instance with one that does: the one that reads
/// gets every note within a second of its POST's answer (Redis's subscriber, waiting on the stuck viewer's full
/// connection, held every message for the whole instance until that connection was cut).
/// </summary>
public sealed class BackplaneStuckViewerTests : IAsyncLifetime
{
    private const int Posts = 200;

    private readonly TempFolder _folder = new();
    private readonly ConcurrentDictionary<long, long> _receivedAt = new();
    private MarketContextFactory _factory = null!;
    private HttpClient _client = null!;
    private HubConnection _viewer = null!;
    private Uri _url = null!;

    private static string Redis =>
        (Environment.GetEnvironmentVariable("MarketContext__Redis") is { Length: > 0 } redis ? redis : "127.0.0.1:6379")
        // Its own channels, so other tests' instances on the same Redis are not heard.
        + ",channelPrefix=mc-test-" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        _factory = MarketContextFactory.In(_folder, new Dictionary<string, string?>
        {
            ["MarketContext:Redis"] = Redis,
            // Long enough that the stuck viewer is still connected while the notes go out: it is not time that saves the other.
            ["MarketContext:Live:SendSeconds"] = "60",
            // 6 MB of notes in a burst: the reading viewer, on a loaded machine, may fall more than the default 1 MB behind.
            ["MarketContext:Live:MaxQueuedKilobytes"] = "16384",
            ["MarketContext:Quotas:AnnotationsPerMinute"] = "1000",
            ["MarketContext:MaxAnnotationLength"] = "30000",
        });
        _url = new Uri(_factory.StartKestrel());
        _client = _factory.Authorize(new HttpClient { BaseAddress = _url });
        _viewer = new HubConnectionBuilder().WithUrl(new Uri(_url, "/hubs/annotations"), o => o.Transports = HttpTransportType.WebSockets).Build();
        _viewer.On<JsonElement>("annotationAdded", a => _receivedAt.TryAdd(a.GetProperty("id").GetInt64(), Stopwatch.GetTimestamp()));
        await _viewer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _viewer.DisposeAsync();
        _client.Dispose();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_stuck_viewer_never_delays_another_viewer_of_the_same_instance()
    {
        using var stuck = await StuckViewer.ConnectAsync(_url);
        // 200 × 30 KB: more than the operating system's send buffer may grow to for the stuck viewer.
        var text = new string('z', 29_990);
        var answeredAt = new List<(long Id, long At)>();
        for (var i = 0; i < Posts; i++)
        {
            var created = await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = $"{i} {text}" })).JsonAsync(HttpStatusCode.Created);
            answeredAt.Add((created.GetProperty("id").GetInt64(), Stopwatch.GetTimestamp()));
        }
        var deadline = Stopwatch.StartNew();
        while (_receivedAt.Count < Posts && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        var late = answeredAt
            .Select(a => (a.Id, Delay: _receivedAt.TryGetValue(a.Id, out var at) ? Stopwatch.GetElapsedTime(a.At, at) : TimeSpan.MaxValue))
            .Where(a => a.Delay > TimeSpan.FromSeconds(1)).ToList();
        Assert.True(late.Count == 0,
            $"{late.Count} of {Posts} notes reached the reading viewer more than 1 s after their POST answered; the first: {late.FirstOrDefault().Id}, "
            + (late.FirstOrDefault().Delay == TimeSpan.MaxValue ? "never" : $"{late.FirstOrDefault().Delay.TotalMilliseconds:0} ms"));
    }
}
