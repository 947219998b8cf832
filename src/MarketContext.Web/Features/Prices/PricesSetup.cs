namespace MarketContext.Web.Features.Prices;

/// <summary>The prices feature's services: reading, importing and caching series, and the online source.</summary>
public static class PricesSetup
{
    public static IServiceCollection AddPrices(this IServiceCollection services)
    {
        services.AddSingleton<PriceQueries>();
        services.AddSingleton<SeriesRoles>();
        services.AddSingleton<PriceImporter>();
        services.AddSingleton<PriceSeriesCache>();
        services.AddSingleton<PriceVintages>();
        services.AddSingleton<PriceFolderImport>();
        services.AddOnlinePriceSource();
        services.AddTransient<PriceRefresh>();
        return services;
    }
}
