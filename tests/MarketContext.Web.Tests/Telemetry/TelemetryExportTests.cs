using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MarketContext.Web.Tests.Telemetry;

/// <summary>
/// What leaves the process over OTLP, read at a local receiver: nothing at all without an endpoint; with one, every
/// signal, named for the service and its instance, and never a password, a token, a cookie or an annotation's text.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task Without_an_endpoint_nothing_is_registered_to_collect_or_export()
    {
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder);
        var client = factory.Authorize(factory.CreateClient());
        await (await client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "Unseen" })).JsonAsync(HttpStatusCode.Created);

        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
        Assert.Null(factory.Services.GetService<LoggerProvider>());
    }

    [Fact]
    public async Task The_optional_prometheus_endpoint_serves_the_measures_by_their_prometheus_names_and_only_when_asked()
    {
        using var folder = new TempFolder();
        await using (var plain = MarketContextFactory.In(folder))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await plain.CreateClient().GetAsync("/metrics")).StatusCode);
        }
        await using var factory = MarketContextFactory.In(folder, new Dictionary<string, string?> { ["MarketContext:Telemetry:PrometheusEndpoint"] = "true" });
        var client = factory.Authorize(factory.CreateClient());
        await (await client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "Scraped" })).JsonAsync(HttpStatusCode.Created);

        var scraped = await factory.CreateClient().GetStringAsync("/metrics");

        Assert.Contains("marketcontext_annotation_broadcast_duration_seconds_bucket{", scraped);
        Assert.Contains("marketcontext_annotation_change=\"added\"", scraped);
        Assert.Contains("http_server_request_duration_seconds_bucket{", scraped);
        Assert.Null(factory.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task With_an_endpoint_every_signal_is_exported_and_none_carries_a_secret_or_an_annotation()
    {
        using var receiver = new OtlpReceiver();
        using var folder = new TempFolder();
        var password = "password-of-otel-editor";
        var wrongPassword = $"wrong-{Guid.NewGuid():N}";
        var text = $"annotation-{Guid.NewGuid():N}";
        string token, cookie;
        await using (var factory = MarketContextFactory.In(folder, receiver.Settings()))
        {
            PriceFixtures.WriteStandardSeries(factory.PricesDirectory);
            token = factory.TokenFor("otel-editor", "editor");
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);

            var refused = factory.CreateClient(new() { AllowAutoRedirect = false });
            var answer = await refused.PostAsync("/Login", BrowserSession.Form(await BrowserSession.FormTokenAsync(refused, "/Login"),
                ("Name", "otel-editor"), ("Password", wrongPassword)));
            Assert.Contains("Wrong name or password", await answer.Content.ReadAsStringAsync());
            using var session = await BrowserSession.SignInAsync(factory, "otel-editor", password);
            cookie = session.Cookie[(session.Cookie.IndexOf('=', StringComparison.Ordinal) + 1)..];
            Assert.Equal("otel-editor", await BrowserSession.WhoAsync(session.Client));

            await (await client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text })).JsonAsync(HttpStatusCode.Created);
            (await client.GetAsync("/api/chart.png?symbols=NOK&width=640&height=320")).EnsureSuccessStatusCode();
            // A hub's token travels in the query string when WebSockets carry it.
            await client.PostAsync($"/hubs/annotations/negotiate?negotiateVersion=1&access_token={token}", null);
            // The product's measures go out with the next periodic export: the app's meters close with it, before its last.
            await receiver.WaitForAsync("metrics", "marketcontext.annotation.broadcast.duration", TimeSpan.FromSeconds(10));
        }

        // Disposing the app flushed every signal.
        Assert.NotEmpty(receiver.Posts("traces"));
        Assert.NotEmpty(receiver.Posts("metrics"));
        Assert.NotEmpty(receiver.Posts("logs"));
        var exported = string.Join("\n", new[] { "traces", "metrics", "logs" }.SelectMany(receiver.Posts).Select(Encoding.UTF8.GetString));
        Assert.Contains("service.instance.id", exported);
        Assert.Contains("marketcontext", exported);
        Assert.Contains("AnnotationStore.AddAsync", exported);
        Assert.Contains("marketcontext.annotation.broadcast.duration", exported);
        Assert.Contains("marketcontext.sign_in.failures", exported);
        foreach (var secret in new[] { password, wrongPassword, token, cookie, text })
        {
            Assert.DoesNotContain(secret, exported, StringComparison.Ordinal);
        }
    }
}
