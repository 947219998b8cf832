using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Web.Features.Charts;

/// <summary>The thin edge that reads what a chart request asks for.</summary>
public sealed class ChartDataLoader(PriceQueries prices, EventStore events, AnnotationStore annotations)
{
    public async Task<(ChartData Data, IReadOnlyList<string> Missing)> LoadAsync(ChartRequest request, CancellationToken cancellationToken)
    {
        var available = await prices.SeriesAsync(cancellationToken);
        var symbols = request.Symbols ?? [.. available.Where(s => s.Role == "vendor").Select(s => s.Symbol)];
        var missing = symbols.Where(s => available.All(a => a.Symbol != s)).ToList();

        var series = new List<ChartSeries>();
        foreach (var summary in symbols.Select(s => available.FirstOrDefault(a => a.Symbol == s)).OfType<SeriesSummary>())
        {
            var bars = await prices.PricesAsync(summary.Symbol, request.From, request.To, cancellationToken);
            // A price chart shows what was quoted; comparisons use adjusted closes so dividends do not look like falls.
            var values = request.Mode == ChartMode.Price ? bars.Select(b => b.Close) : bars.Select(b => b.Value);
            series.Add(new ChartSeries(summary.Symbol, summary.Name, [.. bars.Select(b => b.Date)], [.. values]));
        }

        var shownEvents = (await events.AllAsync(cancellationToken))
            .Where(e => e.IsDated && request.EventCategories.Contains(e.Category))
            .ToList();
        var shownAnnotations = request.Annotations
            ? await annotations.ListAsync(request.From, request.To, cancellationToken)
            : [];
        var lastDate = available.Where(a => symbols.Contains(a.Symbol)).Max(a => a.LastDate);
        return (new ChartData(series, shownEvents, shownAnnotations, lastDate), missing);
    }
}
