namespace MarketContext.Web.Features.Charts;

/// <summary>The charts feature's services; its routes are in <see cref="ChartEndpoints"/>.</summary>
public static class ChartsSetup
{
    public static IServiceCollection AddCharts(this IServiceCollection services)
    {
        services.AddSingleton<ChartDataLoader>();
        services.AddSingleton<ChartRenderCache>();
        services.AddSingleton<AnnotationOverlayCache>();
        services.AddSingleton<ChartWatchers>();
        services.AddSingleton<Annotations.IAnnotationWatchers>(sp => sp.GetRequiredService<ChartWatchers>());
        return services;
    }
}
