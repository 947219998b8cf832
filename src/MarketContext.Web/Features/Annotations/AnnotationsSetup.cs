using Microsoft.AspNetCore.SignalR;

namespace MarketContext.Web.Features.Annotations;

/// <summary>The annotations feature's services; its routes and hub are in <see cref="AnnotationEndpoints"/>.</summary>
public static class AnnotationsSetup
{
    public static IServiceCollection AddAnnotations(this IServiceCollection services) =>
        services.AddSingleton<AnnotationStore>().AddSingleton<AnnotationsAsOf>().AddSingleton<AnnotationOutbox>().AddSingleton<AnnotationWakeups>()
            // The hub's own connections, for the relay; everything else goes on to SignalR's manager for the hub.
            .AddSingleton(AnnotationViewers.Create).AddSingleton<HubLifetimeManager<AnnotationHub>>(s => s.GetRequiredService<AnnotationViewers>())
            .AddHostedService<AnnotationRelay>();
}
