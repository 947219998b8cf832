using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.Prices;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketContext.Web.Pages;

public sealed class IndexModel(PriceQueries prices, EventStore events) : PageModel
{
    public IReadOnlyList<SeriesSummary> Series { get; private set; } = [];
    public IReadOnlyList<PolicyEvent> Events { get; private set; } = [];

    /// <summary>The series offered as checkboxes: the vendors and any the link asks for; the picker finds the others.</summary>
    public IReadOnlyList<SeriesSummary> Choices { get; private set; } = [];

    public bool HasPrices => Series.Any(s => s.Count > 0);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Series = [.. (await prices.SeriesAsync(cancellationToken)).Where(s => s.Count > 0)];
        var asked = Request.Query["symbols"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        Choices = [.. Series.Where(s => s.Role != "benchmark" && (s.Role == "vendor" || asked.Contains(s.Symbol)))];
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
