using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MarketContext.Web.Telemetry;

/// <summary>
/// OpenTelemetry metrics, traces and logs, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the
/// other standard <c>OTEL_*</c> variables apply as the SDK reads them); nothing is registered, listened to or sent
/// otherwise. <c>MarketContext:Telemetry:PrometheusEndpoint</c> adds a scraping endpoint at <c>/metrics</c> for a
/// local Prometheus.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "marketcontext";
    public const string PrometheusSetting = "MarketContext:Telemetry:PrometheusEndpoint";

    /// <summary>The framework's meters beside the product's: HTTP server, Kestrel, SignalR connections, rate limiting.</summary>
    private static readonly string[] FrameworkMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.RateLimiting",
         "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics", "System.Net.Http"];

    public static bool ExportsOtlp(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static bool ServesPrometheus(IConfiguration configuration) => configuration.GetValue<bool>(PrometheusSetting);

    public static IServiceCollection AddMarketContextTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MarketContextMetrics>();
        var otlp = ExportsOtlp(configuration);
        var prometheus = ServesPrometheus(configuration);
        if (!otlp && !prometheus)
        {
            return services;
        }
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString(),
                autoGenerateServiceInstanceId: true).AddEnvironmentVariableDetector())
            .WithMetrics(metrics =>
            {
                metrics.AddMarketContextMeters();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddMarketContextSources()).WithLogging().UseOtlpExporter();
        }
        return services;
    }

    /// <summary>The product's meter, the framework's and the runtime's.</summary>
    public static MeterProviderBuilder AddMarketContextMeters(this MeterProviderBuilder metrics) =>
        metrics.AddMeter(MarketContextMetrics.MeterName).AddMeter(FrameworkMeters).AddRuntimeInstrumentation();

    /// <summary>
    /// Requests in and out, SignalR hub calls, and the product's own spans. Query strings stay redacted (the
    /// instrumentations' default): a hub's access token travels there.
    /// </summary>
    public static TracerProviderBuilder AddMarketContextSources(this TracerProviderBuilder tracing) =>
        tracing.AddSource(MarketContextTracing.SourceName, "Microsoft.AspNetCore.SignalR.Server")
            .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/metrics"))
            .AddHttpClientInstrumentation();

    public static WebApplication MapMarketContextTelemetry(this WebApplication app)
    {
        if (ServesPrometheus(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint().AllowAnonymous();
        }
        return app;
    }
}
