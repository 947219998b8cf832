namespace MarketContext.Web.Features.Annotations;

/// <summary>The annotations feature's services; its routes and hub are in <see cref="AnnotationEndpoints"/>.</summary>
public static class AnnotationsSetup
{
    public static IServiceCollection AddAnnotations(this IServiceCollection services) =>
        services.AddSingleton<AnnotationStore>().AddSingleton<AnnotationsAsOf>().AddSingleton<AnnotationOutbox>().AddHostedService<AnnotationRelay>();
}
