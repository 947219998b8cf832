using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Web.Tests.Features.Annotations;

/// <summary>
/// A write while the Redis backplane is down (a redis-server of the test's own, stopped and started again): the POST
/// is answered at once, the annotation is stored once, a retry with the same Idempotency-Key stores nothing, and the
/// viewers are told when Redis is back.
/// </summary>
public sealed class RedisDownWriteTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();
    private readonly Channel<JsonElement> _added = Channel.CreateUnbounded<JsonElement>();
    private PrivateRedis _redis = null!;
    private MarketContextFactory _factory = null!;
    private HttpClient _client = null!;
    private HubConnection _viewer = null!;

    public async Task InitializeAsync()
    {
        _redis = await PrivateRedis.StartAsync();
        _factory = MarketContextFactory.In(_folder, new Dictionary<string, string?> { ["MarketContext:Redis"] = _redis.Configuration });
        var url = _factory.StartKestrel();
        _client = _factory.Authorize(new HttpClient { BaseAddress = new Uri(url) });
        _viewer = new HubConnectionBuilder().WithUrl(url + "/hubs/annotations").Build();
        _viewer.On<JsonElement>("annotationAdded", a => _added.Writer.TryWrite(a));
        await _viewer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _viewer.DisposeAsync();
        _client.Dispose();
        await _factory.DisposeAsync();
        await _redis.DisposeAsync();
        _folder.Dispose();
    }

    private Task<HttpResponseMessage> PostAsync(string text, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/annotations") { Content = Api.Json(new { date = "2020-03-23", text }) };
        request.Headers.Add("Idempotency-Key", key);
        return _client.SendAsync(request);
    }

    [Fact]
    public async Task A_post_while_redis_is_down_is_answered_at_once_stored_once_and_told_when_redis_is_back()
    {
        // Through Redis while it runs: the viewer hears a first annotation.
        var before = await (await PostAsync("Before the outage", "key-before")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(Id(before), Id(await _added.Reader.ReadAsync().AsTask().WaitAsync(Patience)));

        await _redis.StopAsync();
        var timer = Stopwatch.StartNew();
        var created = await (await PostAsync("During the outage", "key-during")).JsonAsync(HttpStatusCode.Created);
        var took = timer.Elapsed;
        // A client that lost the answer tries again with the same key.
        var retried = await (await PostAsync("During the outage", "key-during")).JsonAsync(HttpStatusCode.Created);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var heardWhileDown = _added.Reader.TryRead(out _);
        await _redis.StartAgainAsync();
        var told = await _added.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        Assert.True(took < TimeSpan.FromSeconds(1), $"the POST took {took.TotalMilliseconds:0} ms while Redis was down");
        Assert.Equal(Id(created), Id(retried));
        Assert.False(heardWhileDown);
        Assert.Equal(Id(created), Id(told));
        Assert.Equal("During the outage", told.Str("text"));
        var stored = (await _client.GetJsonAsync("/api/annotations")).EnumerateArray().Count(a => a.Str("text") == "During the outage");
        Assert.Equal(1, stored);
        // Nothing else is told: at most the same change again (said once more after the outage, ignored by its seq).
        await Task.Delay(TimeSpan.FromSeconds(3));
        while (_added.Reader.TryRead(out var again))
        {
            Assert.Equal(told.GetProperty("seq").GetInt64(), again.GetProperty("seq").GetInt64());
        }
    }

    private static long Id(JsonElement annotation) => annotation.GetProperty("id").GetInt64();
}
