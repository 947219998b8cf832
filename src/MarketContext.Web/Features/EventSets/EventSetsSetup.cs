namespace MarketContext.Web.Features.EventSets;

/// <summary>The event sets' services and their start-up seed; routes are in <see cref="EventSetEndpoints"/>.</summary>
public static class EventSetsSetup
{
    /// <summary>After the health feature: its start-up task migrates the database the seed writes to.</summary>
    public static IServiceCollection AddEventSets(this IServiceCollection services) =>
        services.AddSingleton<EventSetStore>().AddSingleton<EventSetWriter>().AddSingleton<PinnedEventSets>().AddHostedService<ShippedSetSeed>();
}
