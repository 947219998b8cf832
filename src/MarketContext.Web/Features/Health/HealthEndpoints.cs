using System.Text.Json;
using MarketContext.Web.Features.Auth;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MarketContext.Web.Features.Health;

/// <summary>
/// <c>/healthz</c> is readiness: migrated, start-up import done, the database (and Redis, when configured)
/// answering now; 503 naming the failing part otherwise. <c>/healthz/live</c> is liveness: the process serves.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <param name="settings">The settings as bound when services are registered: they decide which checks exist.</param>
    public static IServiceCollection AddHealth(this IServiceCollection services, MarketContextOptions settings)
    {
        services.AddSingleton<Readiness>();
        services.AddHostedService<StartupTasks>();
        var checks = services.AddHealthChecks()
            .AddCheck<MigrationsCheck>("migrations", tags: [ReadyTag])
            .AddCheck<StartupImportCheck>("startup-import", tags: [ReadyTag])
            .AddCheck<DatabaseCheck>("database", tags: [ReadyTag], timeout: CheckTimeout);
        if (settings.Redis is { Length: > 0 })
        {
            services.AddSingleton<RedisProbe>();
            checks.AddCheck<RedisCheck>("redis", tags: [ReadyTag], timeout: CheckTimeout);
        }
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReadinessAsync,
        }).AllowAnonymous();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => context.Response.WriteAsJsonAsync(new { status = "alive" }),
        }).AllowAnonymous();
        return app;
    }

    // The engines' own error text (hosts, ports, server messages) is for administrators; anyone else reads which part fails.
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var admin = context.User.IsInRole(Roles.Admin);
        var failing = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key).ToList();
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new
        {
            status = failing.Count == 0 ? "ready" : "unavailable",
            failing,
            detail = failing.Count == 0
                ? null
                : "Not ready: " + string.Join("; ", failing.Select(name => $"{name}: {report.Entries[name].Description}")),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
                error = admin ? e.Value.Exception?.Message : null,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        }, JsonSerializerOptions.Web);
    }
}
