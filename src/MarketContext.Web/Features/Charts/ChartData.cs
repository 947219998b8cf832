using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Events;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// One instrument's prices, ascending by date: the requested range, or all of it for the event-time view.
/// <c>Previous</c> is the value of the trading day before the first shown, if any: the first day's change.
/// </summary>
public sealed record ChartSeries(string Symbol, string Name, DateOnly[] Dates, double[] Values, bool IsBenchmark = false, double? Previous = null);

/// <summary>
/// Everything a chart shows, gathered before drawing so that drawing stays pure. <see cref="Exchanges"/> gives each
/// series' exchange (MIC, or null), whose calendar places its day 0 in the event-time view.
/// </summary>
public sealed record ChartData(
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<PolicyEvent> Events,
    IReadOnlyList<Annotation> Annotations,
    DateOnly? PricesLastDate,
    IReadOnlyList<PolicyEvent>? SelectedEvents = null,
    IReadOnlyDictionary<string, string?>? Exchanges = null);
