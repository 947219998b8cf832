using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.Prices;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketContext.Web.Pages;

public sealed class IndexModel(PriceQueries prices, EventStore events) : PageModel
{
    public IReadOnlyList<SeriesSummary> Series { get; private set; } = [];
    public IReadOnlyList<PolicyEvent> Events { get; private set; } = [];

    public bool HasPrices => Series.Any(s => s.Count > 0);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Series = [.. (await prices.SeriesAsync(cancellationToken)).Where(s => s.Count > 0)];
        Events = await events.AllAsync(cancellationToken);
    }

    public static string When(PolicyEvent e) => e switch
    {
        { Date: null } => "undated",
        { Precision: "month", Date: { } d } => d.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        { EndDate: { } end, Date: { } d } => $"{d:yyyy-MM-dd} – {end:yyyy-MM-dd}",
        { Date: { } d } => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };
}
