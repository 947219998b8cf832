using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MarketContext.TestSupport;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace MarketContext.Web.Tests.Telemetry;

/// <summary>
/// With the Redis backplane, the other instances hear of an annotation by a publish to Redis, in the trace of the POST
/// that made it; this instance's viewers are told beside it.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryBackplaneTests
{
    private static string Redis =>
        (Environment.GetEnvironmentVariable("MarketContext__Redis") is { Length: > 0 } redis ? redis : "127.0.0.1:6379")
        // Its own channels, so other tests' instances on the same Redis are not heard.
        + ",channelPrefix=mc-test-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task The_announce_through_redis_is_in_the_post_s_trace()
    {
        using var folder = new TempFolder();
        var spans = new List<Activity>();
        await using var factory = MarketContextFactory.In(folder, new Dictionary<string, string?> { ["MarketContext:Redis"] = Redis });
        factory.TestServices = services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddMarketContextSources().AddInMemoryExporter(spans));
        var client = factory.Authorize(factory.CreateClient());

        await (await client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "Through Redis" })).JsonAsync(HttpStatusCode.Created);

        Activity? send = null;
        for (var waited = 0; waited < 100 && send is null; waited++)
        {
            send = spans.ToArray().FirstOrDefault(s => s.DisplayName == "annotation announce");
            await Task.Delay(send is null ? 50 : 0);
        }
        Assert.NotNull(send);
        Assert.Equal("redis", send.GetTagItem("messaging.system"));
        var all = spans.ToArray();
        var request = Assert.Single(all, s => s.SpanId == send.ParentSpanId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal("/api/annotations", request.GetTagItem("url.path"));
    }

    [Fact]
    public async Task Another_instance_tells_its_viewers_as_a_child_of_the_announce_in_the_post_s_trace()
    {
        using var folder = new TempFolder();
        var spans = new List<Activity>();
        var database = folder.Combine("db", "shared.db");
        var settings = new Dictionary<string, string?>
        {
            ["MarketContext:Redis"] = Redis,
            ["MarketContext:Provider"] = "postgres",
            ["MarketContext:ConnectionString"] = TestDatabase.ConnectionStringFor(database),
        };
        var prices = folder.CreateFolder("prices");
        await using var a = new MarketContextFactory(database, prices, keysDirectory: null, settings);
        // One exporter hears both instances: they run in this process.
        a.TestServices = services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddMarketContextSources().AddInMemoryExporter(spans));
        var client = a.Authorize(a.CreateClient());
        await using var b = new MarketContextFactory(database, prices, keysDirectory: null, settings);
        b.CreateClient().Dispose();
        var listening = b.Services.GetRequiredService<AnnotationWakeups>();
        for (var waited = 0; waited < 200 && !listening.Listening; waited++)
        {
            await Task.Delay(50);
        }
        Assert.True(listening.Listening, "the second instance never subscribed to Redis");

        await (await client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "Across instances" })).JsonAsync(HttpStatusCode.Created);

        Activity? told = null;
        Activity? announce = null;
        for (var waited = 0; waited < 100 && told is null; waited++)
        {
            var all = spans.ToArray();
            announce = all.FirstOrDefault(s => s.DisplayName == "annotation announce");
            told = announce is null ? null : all.FirstOrDefault(s => s.DisplayName == "annotation broadcast" && s.ParentSpanId == announce.SpanId);
            await Task.Delay(told is null ? 50 : 0);
        }
        Assert.NotNull(announce);
        Assert.NotNull(told);
        Assert.Equal(announce.TraceId, told.TraceId);
        var ended = spans.ToArray();
        Assert.Contains(ended, s => s.DisplayName == "AnnotationHub send" && s.ParentSpanId == told.SpanId);
        var request = Assert.Single(ended, s => s.Kind == ActivityKind.Server && s.TraceId == told.TraceId);
        Assert.Equal("/api/annotations", request.GetTagItem("url.path"));
    }
}
