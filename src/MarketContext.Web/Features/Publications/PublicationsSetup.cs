namespace MarketContext.Web.Features.Publications;

/// <summary>The publications' services; routes are in <see cref="PublicationEndpoints"/>.</summary>
public static class PublicationsSetup
{
    public static IServiceCollection AddPublications(this IServiceCollection services) =>
        services.AddSingleton<PublicationStore>().AddSingleton<PublishedViews>();
}
