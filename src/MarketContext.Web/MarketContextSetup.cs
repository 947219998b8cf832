using MarketContext.Web.Data;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Api;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Calendars;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.Health;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Features.Publications;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using MarketContext.Web.Telemetry;

namespace MarketContext.Web;

/// <summary>
/// Each feature registers its own services (<c>AddX</c>) and routes (<c>MapX</c>); this calls them in the features'
/// order and adds what every request shares: the database, the clock, the middleware.
/// </summary>
public static class MarketContextSetup
{
    public static IServiceCollection AddMarketContext(this IServiceCollection services, IConfiguration configuration)
    {
        DateOnlyTypeHandler.Register();
        UtcDateTimeTypeHandler.Register();

        var section = configuration.GetSection(MarketContextOptions.Section);
        services.AddOptions<MarketContextOptions>().Bind(section);
        // Which services exist is decided here, from the settings known now; the values they use are read from the
        // final options (settings added by a host builder come late).
        var settings = section.Get<MarketContextOptions>() ?? new MarketContextOptions();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Db>();
        services.AddMarketContextTelemetry(configuration);

        // Health first: hosted services start in the order they were added, and its start-up task migrates the database
        // that the others need (the data-protection key ring writes its first key there).
        services.AddHealth(settings);
        services.AddAuth(settings);
        services.AddPrices();
        services.AddAnnotations();
        services.AddEventSets();
        services.AddEventStudy();
        services.AddCharts();
        services.AddPublications();
        services.AddPublicationChanges();
        services.AddEmbeds();
        services.AddApiDescription();
        services.AddApiContract();

        services.AddMarketContextRequestLimits();
        services.AddTrustedProxies();
        services.AddMarketContextCompression();
        services.AddProblemDetails();
        services.AddRazorPages();
        var signalR = services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = 32 * 1024;
            o.MaximumParallelInvocationsPerClient = 1;
        });
        services.AddLiveConnectionLimits();
        // Several instances behind one address: Redis carries every hub message to the viewers of all of them.
        if (settings.Redis is { Length: > 0 })
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
        app.UseResponseCompression();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapAuth();
        app.MapEvents();
        app.MapCalendars();
        app.MapPrices();
        app.MapAnnotations();
        app.MapEventSets();
        app.MapEventStudy();
        app.MapCharts();
        app.MapPublications();
        app.MapPublicationChanges();
        app.MapEmbeds();
        app.MapHealth();
        app.MapApiDescription();
        app.MapMarketContextTelemetry();
        // Public like the sign-in page they style, also where reading needs a signed-in user.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
