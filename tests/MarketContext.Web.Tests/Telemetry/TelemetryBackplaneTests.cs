using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
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
}
