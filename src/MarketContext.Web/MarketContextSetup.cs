using MarketContext.Web.Data;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Api;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.EventStudy.Aggregate;
using MarketContext.Web.Features.Health;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http;

namespace MarketContext.Web;

public static class MarketContextSetup
{
    public static IServiceCollection AddMarketContext(this IServiceCollection services, IConfiguration configuration)
    {
        DateOnlyTypeHandler.Register();
        UtcDateTimeTypeHandler.Register();

        services.AddOptions<MarketContextOptions>().Bind(configuration.GetSection(MarketContextOptions.Section));
        services.AddSingleton<Db>();
        services.AddSingleton<Readiness>();
        services.AddSingleton<PriceQueries>();
        services.AddSingleton<PriceImporter>();
        services.AddSingleton<PriceSeriesCache>();
        services.AddSingleton<StudyReturns>();
        services.AddSingleton<EventStudyService>();
        services.AddSingleton<AggregateService>();
        services.AddSingleton<PriceFolderImport>();
        services.AddOnlinePriceSource();
        services.AddTransient<PriceRefresh>();
        services.AddSingleton<AnnotationStore>();
        services.AddSingleton<ChartDataLoader>();
        services.AddSingleton<ChartRenderCache>();
        services.AddSingleton<AnnotationOverlayCache>();
        services.AddHostedService<StartupTasks>();

        services.AddMarketContextAuth();
        // Operable as several instances: one key ring in the shared database, readiness that tells the truth.
        services.AddSharedDataProtection();
        services.AddMarketContextHealth(configuration);
        services.AddApiDescription();
        services.AddMarketContextRequestLimits();
        services.AddTrustedProxies();
        services.AddProblemDetails();
        services.AddRazorPages();
        var signalR = services.AddSignalR(o => o.MaximumReceiveMessageSize = 32 * 1024);
        // Several instances behind one address: Redis carries every hub message to the viewers of all of them.
        // The connection string is read from the final options (settings added by a host builder come late).
        if (configuration[$"{MarketContextOptions.Section}:{nameof(MarketContextOptions.Redis)}"] is { Length: > 0 })
        {
            signalR.AddStackExchangeRedis();
            services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>()
                .Configure<Microsoft.Extensions.Options.IOptions<MarketContextOptions>>((redis, marketContext) =>
                    redis.Configuration = StackExchange.Redis.ConfigurationOptions.Parse(marketContext.Value.Redis!));
        }
        return services;
    }

    public static WebApplication MapMarketContext(this WebApplication app)
    {
        // First: everything after it sees the client's own address and scheme.
        app.UseTrustedProxies();
        app.UseSecurityHeaders();
        // Browsers that reached the site over HTTPS keep to it (localhost excepted); cookies are Secure there too.
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapHealth();
        app.MapApiDescription();
        app.MapAuth();
        app.MapPrices();
        app.MapEvents();
        app.MapAnnotations();
        app.MapCharts();
        app.MapPalette();
        app.MapEventStudy();
        app.MapEventStudyAggregate();
        app.MapRazorPages();
        return app;
    }
}
