using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MarketContext.Web.Telemetry;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MarketContext.Web.Tests.Telemetry;

/// <summary>Measures are counted process-wide by meter name: no other app may run beside these.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}

/// <summary>
/// The product's measures and spans as an exporter receives them (in memory here): their names, units and attributes
/// after a chart, an import and an annotation, and the trace of an annotation's POST.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryMeasuresTests : IAsyncLifetime
{
    private const string Chart = "/api/chart.png?symbols=NOK,QQQ&from=2020-03-01&to=2020-04-30&width=640&height=320";

    private readonly TempFolder _folder = new();
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly List<Activity> _spans = [];
    private readonly MarketContextFactory _factory;
    private HttpClient _client = null!;
    private HubConnection _hub = null!;

    public TelemetryMeasuresTests()
    {
        _factory = MarketContextFactory.In(_folder);
        _factory.TestServices = services => services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMarketContextMeters().AddInMemoryExporter(_metrics))
            .WithTracing(tracing => tracing.AddMarketContextSources().AddInMemoryExporter(_spans));
        PriceFixtures.WriteStandardSeries(_factory.PricesDirectory);
    }

    public async Task InitializeAsync()
    {
        _client = _factory.Authorize(_factory.CreateClient());
        _hub = new HubConnectionBuilder().WithUrl(new Uri(_factory.Server.BaseAddress, "/hubs/annotations"), o =>
        {
            o.HttpMessageHandlerFactory = _ => _factory.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
        }).Build();
        await _hub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _client.Dispose();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>The measures collected so far, each metric's latest snapshot (cumulative).</summary>
    private Dictionary<string, MetricSnapshot> Collect()
    {
        _metrics.Clear();
        Assert.True(_factory.Services.GetRequiredService<MeterProvider>().ForceFlush(5000));
        return _metrics.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last());
    }

    private static IEnumerable<(MetricPoint Point, Dictionary<string, object?> Tags)> Points(MetricSnapshot metric)
    {
        foreach (var point in metric.MetricPoints)
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }
            yield return (point, tags);
        }
    }

    private static long Sum(MetricSnapshot metric, string? attribute = null, object? value = null) =>
        Points(metric).Where(p => attribute is null || Equals(p.Tags.GetValueOrDefault(attribute), value)).Sum(p => p.Point.GetSumLong());

    private static long Count(MetricSnapshot metric, string? attribute = null, object? value = null) =>
        Points(metric).Where(p => attribute is null || Equals(p.Tags.GetValueOrDefault(attribute), value)).Sum(p => p.Point.GetHistogramCount());

    private static MetricSnapshot Named(Dictionary<string, MetricSnapshot> measures, string name, string unit)
    {
        Assert.True(measures.TryGetValue(name, out var metric), $"{name} was not exported; exported: {string.Join(", ", measures.Keys.Order())}");
        Assert.Equal(unit, metric.Unit);
        Assert.Equal(MarketContextMetrics.MeterName, metric.MeterName);
        return metric;
    }

    [Fact]
    public async Task A_chart_an_import_and_an_annotation_are_measured_with_their_names_units_and_attributes()
    {
        var before = Collect();
        var rowsBefore = before.TryGetValue("marketcontext.import.rows", out var earlier) ? Sum(earlier) : 0;

        (await _client.GetAsync(Chart)).EnsureSuccessStatusCode();
        (await _client.GetAsync(Chart)).EnsureSuccessStatusCode();
        (await _client.PostAsync("/api/series/ZZTEL/import", Api.Csv(PriceFixtures.Yahoo(10, 0.1, rows: 7)))).EnsureSuccessStatusCode();
        await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "Measured" })).JsonAsync(HttpStatusCode.Created);
        // The broadcast follows the POST's answer (the relay tells the viewers after the commit).
        var measures = Collect();
        for (var waited = 0; waited < 100 && !measures.ContainsKey("marketcontext.annotation.broadcast.duration"); waited++)
        {
            await Task.Delay(50);
            measures = Collect();
        }

        var pictures = Named(measures, "marketcontext.pictures", "{picture}");
        Assert.Equal(1, Sum(pictures, MarketContextMetrics.PictureOutcome, "drawn"));
        Assert.Equal(1, Sum(pictures, MarketContextMetrics.PictureOutcome, "cached"));
        Assert.Equal(1, Count(Named(measures, "marketcontext.picture.draw.duration", "s")));

        Assert.Equal(rowsBefore + 7, Sum(Named(measures, "marketcontext.import.rows", "{row}")));
        Assert.True(Count(Named(measures, "marketcontext.import.duration", "s")) >= 1);

        Assert.Equal(1, Count(Named(measures, "marketcontext.annotation.broadcast.duration", "s"), MarketContextMetrics.ChangeKind, "added"));
        Assert.Equal(1, Sum(Named(measures, "marketcontext.hub.viewers", "{viewer}"), MarketContextMetrics.Hub, "annotations"));

        var lookups = Named(measures, "marketcontext.series_cache.lookups", "{lookup}");
        Assert.True(Sum(lookups, MarketContextMetrics.CacheResult, "miss") >= 2, "the chart's two series were read once");
        var size = Points(Named(measures, "marketcontext.series_cache.size", "By")).Single().Point.GetGaugeLastValueLong();
        Assert.True(size > 0, $"the cache holds the chart's series, {size} bytes");

        // The framework's own beside them.
        Assert.Contains("http.server.request.duration", measures.Keys);
    }

    [Fact]
    public async Task An_annotation_post_holds_the_database_write_and_the_broadcast_to_the_hub_as_its_children()
    {
        var created = await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-24", text = "Traced" })).JsonAsync(HttpStatusCode.Created);
        Assert.True(created.GetProperty("id").GetInt64() > 0);

        var request = await SpanAsync(s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST", StringComparison.Ordinal)
                                          && (string?)s.GetTagItem("url.path") == "/api/annotations");
        var children = await ChildrenAsync(request, 2, s => s.DisplayName is "AnnotationStore.AddAsync" or "annotation broadcast");

        var write = Assert.Single(children, s => s.DisplayName == "AnnotationStore.AddAsync");
        Assert.Equal(ActivityKind.Client, write.Kind);
        Assert.Contains((string?)write.GetTagItem("db.system.name"), new[] { "sqlite", "postgresql" });
        var broadcast = Assert.Single(children, s => s.DisplayName == "annotation broadcast");
        Assert.True(write.StartTimeUtc + write.Duration <= broadcast.StartTimeUtc, "the write is stored before it is broadcast");

        var send = Assert.Single(await ChildrenAsync(broadcast, 1, s => s.DisplayName == "AnnotationHub send"));
        Assert.Equal(ActivityKind.Producer, send.Kind);
        Assert.Equal("signalr", send.GetTagItem("messaging.system"));
        Assert.Equal(request.TraceId, send.TraceId);
    }

    private async Task<Activity> SpanAsync(Func<Activity, bool> match)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            // A copy first: the exporter adds to the list as spans end.
            if (_spans.ToArray().LastOrDefault(match) is { } found)
            {
                return found;
            }
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException("No such span was exported.");
    }

    private async Task<List<Activity>> ChildrenAsync(Activity parent, int expected, Func<Activity, bool> match)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            var children = ChildrenOf(parent, match);
            if (children.Count >= expected)
            {
                return children;
            }
            await Task.Delay(50);
        }
        return ChildrenOf(parent, match);
    }

    private List<Activity> ChildrenOf(Activity parent, Func<Activity, bool> match) =>
        [.. _spans.ToArray().Where(s => s.ParentSpanId == parent.SpanId && s.TraceId == parent.TraceId && match(s))];
}
