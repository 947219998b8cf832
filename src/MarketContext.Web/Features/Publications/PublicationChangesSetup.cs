namespace MarketContext.Web.Features.Publications;

/// <summary>The services that say what changed since a publication.</summary>
public static class PublicationChangesSetup
{
    public static IServiceCollection AddPublicationChanges(this IServiceCollection services) =>
        services.AddSingleton<PublishedScopes>().AddSingleton<PriceChangesSince>().AddSingleton<StudyMoves>().AddSingleton<PublicationChanges>();
}
