using MarketContext.Web.Features.EventStudy.Aggregate;

namespace MarketContext.Web.Features.EventStudy;

/// <summary>The event study's services, the study across events included; its routes are in <see cref="EventStudyEndpoints"/>.</summary>
public static class EventStudySetup
{
    public static IServiceCollection AddEventStudy(this IServiceCollection services)
    {
        services.AddSingleton<StudyReturns>();
        services.AddSingleton<StudyListings>();
        services.AddSingleton<EventStudyService>();
        services.AddSingleton<AggregateService>();
        return services;
    }
}
