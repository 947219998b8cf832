using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventSets;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// One instrument's prices, ascending by date: the requested range, or all of it for the event-time view.
/// <c>Previous</c> is the value of the trading day before the first shown, if any: the first day's change.
/// <c>Currency</c> is the one the values are in (after any conversion); null when nothing says.
/// </summary>
public sealed record ChartSeries(string Symbol, string Name, DateOnly[] Dates, double[] Values, bool IsBenchmark = false, double? Previous = null, string? Currency = null);

/// <summary>
/// Everything a chart shows, gathered before drawing so that drawing stays pure. <see cref="Exchanges"/> gives each
/// series' exchange (MIC, or null), whose calendar places its day 0 in the event-time view.
/// </summary>
/// <remarks><paramref name="Origins"/>: the producer and vintage date of each series shown that has them, for the caption.</remarks>
public sealed record ChartData(
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<PolicyEvent> Events,
    IReadOnlyList<Annotation> Annotations,
    DateOnly? PricesLastDate,
    IReadOnlyList<PolicyEvent>? SelectedEvents = null,
    ChartMoney? Money = null,
    PinnedEventSet? EventSet = null,
    IReadOnlyList<Prices.SeriesOrigin>? Origins = null,
    IReadOnlyDictionary<string, string?>? Exchanges = null)
{
    /// <summary>A category's name and colour as the drawn set defines them.</summary>
    public EventCategory CategoryOf(string id) => EventSet?.CategoryOf(id) ?? EventCategories.Get(id);
}
