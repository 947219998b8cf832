using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Web.Tests.Features.Annotations;

/// <summary>
/// Two instances on one database and a redis-server of the test's own, stopped and started again on the same port:
/// writes to A while Redis is down are answered at once and stored once (an Idempotency-Key retry stores nothing), and
/// a viewer of B hears every change, those made while Redis was away and those made as it came back, in order, once.
/// (Told through Redis alone, a change published before B's subscription was back reached nobody there.)
/// </summary>
public sealed class RedisDownWriteTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();
    private readonly Channel<JsonElement> _heardByB = Channel.CreateUnbounded<JsonElement>();
    private PrivateRedis _redis = null!;
    private MarketContextFactory _a = null!;
    private MarketContextFactory _b = null!;
    private HttpClient _clientA = null!;
    private HubConnection _viewerB = null!;

    public async Task InitializeAsync()
    {
        _redis = await PrivateRedis.StartAsync();
        var database = _folder.Combine("db", "shared.db");
        var settings = new Dictionary<string, string?>
        {
            ["MarketContext:Redis"] = _redis.Configuration,
            ["MarketContext:Provider"] = "postgres",
            ["MarketContext:ConnectionString"] = TestDatabase.ConnectionStringFor(database),
        };
        var prices = _folder.CreateFolder("prices");
        _a = new MarketContextFactory(database, prices, keysDirectory: null, settings);
        var urlA = _a.StartKestrel();
        _b = new MarketContextFactory(database, prices, keysDirectory: null, settings);
        var urlB = _b.StartKestrel();
        _clientA = _a.Authorize(new HttpClient { BaseAddress = new Uri(urlA) });
        _viewerB = new HubConnectionBuilder().WithUrl(urlB + "/hubs/annotations", o => o.Transports = HttpTransportType.WebSockets).Build();
        foreach (var name in new[] { "annotationAdded", "annotationUpdated", "annotationDeleted" })
        {
            _viewerB.On<JsonElement>(name, change => _heardByB.Writer.TryWrite(change));
        }
        await _viewerB.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _viewerB.DisposeAsync();
        _clientA.Dispose();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _redis.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<(long Seq, TimeSpan Took)> PostAsync(string text, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/annotations") { Content = Api.Json(new { date = "2020-03-23", text }) };
        request.Headers.Add("Idempotency-Key", key);
        var timer = Stopwatch.StartNew();
        var created = await (await _clientA.SendAsync(request)).JsonAsync(HttpStatusCode.Created);
        return (created.GetProperty("seq").GetInt64(), timer.Elapsed);
    }

    [Fact]
    public async Task Writes_while_redis_is_down_are_stored_once_and_a_viewer_of_the_other_instance_hears_every_change_once_in_order()
    {
        var before = await PostAsync("Before the outage", "key-before");
        Assert.Equal(before.Seq, (await _heardByB.Reader.ReadAsync().AsTask().WaitAsync(Patience)).GetProperty("seq").GetInt64());

        await _redis.StopAsync();
        var during = new List<(long Seq, TimeSpan Took)>();
        for (var i = 0; i < 3; i++)
        {
            during.Add(await PostAsync($"During the outage {i}", $"key-during-{i}"));
        }
        // A client that lost the answer tries again with the same key.
        var retried = await PostAsync("During the outage 1", "key-during-1");
        await _redis.StartAgainAsync();
        // Written as Redis comes back, while each instance's connection to it may still be finding it again.
        var after = new List<(long Seq, TimeSpan Took)>();
        for (var i = 0; i < 3; i++)
        {
            after.Add(await PostAsync($"After the outage {i}", $"key-after-{i}"));
        }

        var expected = during.Concat(after).Select(p => p.Seq).ToList();
        var heard = new List<long>();
        while (heard.Count < expected.Count)
        {
            heard.Add((await _heardByB.Reader.ReadAsync().AsTask().WaitAsync(Patience)).GetProperty("seq").GetInt64());
        }
        // Longer than a relay's round: anything told twice would be here by now.
        await Task.Delay(TimeSpan.FromSeconds(4));
        while (_heardByB.Reader.TryRead(out var again))
        {
            heard.Add(again.GetProperty("seq").GetInt64());
        }

        Assert.All(during.Concat(after).Append(retried), p => Assert.True(p.Took < TimeSpan.FromSeconds(1), $"a POST took {p.Took.TotalMilliseconds:0} ms"));
        Assert.Equal(during[1].Seq, retried.Seq);
        Assert.Equal(expected, heard);
        var texts = (await _clientA.GetJsonAsync("/api/annotations")).EnumerateArray().Select(a => a.Str("text")).ToList();
        Assert.Equal(7, texts.Count);
        Assert.Single(texts, t => t == "During the outage 1");
    }
}
