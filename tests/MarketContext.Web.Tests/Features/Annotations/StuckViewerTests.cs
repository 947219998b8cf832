using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using MarketContext.TestSupport;
using MarketContext.Web.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Annotations;

/// <summary>
/// A viewer that stops reading (a raw WebSocket that completes SignalR's handshake, then never reads, with a small
/// receive window) while large annotations are posted: every POST still answers within a second (a broadcast awaited
/// in the request took 11 s here), and the other viewers get every change, in order; and a viewer whose connection
/// takes nothing for <c>Live:SendSeconds</c> is disconnected, its waiting messages dropped.
/// </summary>
public sealed class StuckViewerTests : IAsyncLifetime
{
    // 400 × 30 KB: more than the server's socket may buffer (Linux lets it grow to 4 MB) and the pipes before it.
    private const int Posts = 400;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();
    private readonly Channel<long> _added = Channel.CreateUnbounded<long>();
    private MarketContextFactory _factory = null!;
    private HttpClient _client = null!;
    private HubConnection _viewer = null!;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        _factory = MarketContextFactory.In(_folder, new Dictionary<string, string?>
        {
            ["MarketContext:Live:SendSeconds"] = "1",
            // 400 writes in well under a minute: the quota is not what this test is about.
            ["MarketContext:Quotas:AnnotationsPerMinute"] = "1000",
            ["MarketContext:MaxAnnotationLength"] = "30000",
        });
        _url = new Uri(_factory.StartKestrel());
        _client = _factory.Authorize(new HttpClient { BaseAddress = _url });
        _viewer = new HubConnectionBuilder().WithUrl(new Uri(_url, "/hubs/annotations"), o => o.Transports = HttpTransportType.WebSockets).Build();
        _viewer.On<JsonElement>("annotationAdded", a => _added.Writer.TryWrite(a.GetProperty("id").GetInt64()));
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
    public async Task Writes_stay_fast_and_other_viewers_get_every_change_while_a_viewer_never_reads()
    {
        using var stuck = await StuckViewer.ConnectAsync(_url);
        var text = new string('x', 29_990);

        var slowest = TimeSpan.Zero;
        var ids = new List<long>();
        for (var i = 0; i < Posts; i++)
        {
            var timer = Stopwatch.StartNew();
            var created = await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = $"{i} {text}" })).JsonAsync(HttpStatusCode.Created);
            slowest = timer.Elapsed > slowest ? timer.Elapsed : slowest;
            ids.Add(created.GetProperty("id").GetInt64());
        }
        var received = new List<long>();
        while (received.Count < Posts)
        {
            received.Add(await _added.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        }

        Assert.True(slowest < TimeSpan.FromSeconds(1), $"the slowest POST took {slowest.TotalMilliseconds:0} ms");
        Assert.Equal(ids, received);
    }

    [Fact]
    public async Task A_viewer_that_takes_nothing_is_disconnected_within_the_bound_and_what_waited_for_it_is_freed()
    {
        var sends = _factory.Services.GetRequiredService<LiveSends>();
        using var stuck = await StuckViewer.ConnectAsync(_url);
        await WaitForAsync(() => sends.OpenConnections == 2, "both viewers connected");
        // 400 KB: far less than the megabytes an operating system's send buffer grows to, more than a bounded one holds.
        var text = new string('y', 19_990);
        for (var i = 0; i < 20; i++)
        {
            await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = $"{i} {text}" })).JsonAsync(HttpStatusCode.Created);
        }
        var lastPost = Stopwatch.StartNew();

        // SendSeconds is 1: gone within it, with a margin for a loaded machine.
        await WaitForAsync(() => sends.OpenConnections == 1, "the stuck viewer disconnected", TimeSpan.FromSeconds(6));
        var gone = lastPost.Elapsed;
        var queued = sends.QueuedBytes;
        var closed = await stuck.ClosedByServerAsync(TimeSpan.FromSeconds(3));

        Assert.True(gone < TimeSpan.FromSeconds(6), $"disconnected {gone.TotalSeconds:0.0} s after the last post");
        Assert.Equal(0, queued);
        Assert.True(closed, "the server closed the stuck viewer's socket");
        Assert.Equal(HubConnectionState.Connected, _viewer.State);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var timer = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(timer.Elapsed < (within ?? Patience), $"waited {timer.Elapsed.TotalSeconds:0.0} s for {what}");
            await Task.Delay(50);
        }
    }
}
