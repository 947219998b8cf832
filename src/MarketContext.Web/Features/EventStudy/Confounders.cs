using MarketContext.Web.Features.Events;

namespace MarketContext.Web.Features.EventStudy;

public sealed record Confounder(string Id, string Label, DateOnly Date, string Kind);

/// <summary>Other news inside an event window makes the window's abnormal return hard to attribute.</summary>
public static class Confounders
{
    /// <summary>
    /// The catalogue's other single-day events whose reaction day falls inside [first, last], with
    /// company-specific shocks to this symbol marked as such. Periods are background, not confounders.
    /// </summary>
    public static IReadOnlyList<Confounder> InWindow(string? studiedId, string symbol, DateOnly first, DateOnly last, IEnumerable<PolicyEvent> catalogue) =>
        [.. catalogue
            .Where(e => e.Id != studiedId && e.IsDated && !e.IsBand)
            .Select(e => (Event: e, Day: EventTiming.ReactionDate(e)!.Value))
            .Where(x => x.Day >= first && x.Day <= last)
            .OrderBy(x => x.Day)
            .Select(x => new Confounder(x.Event.Id, x.Event.Label, x.Day,
                x.Event.Companies.Contains(symbol, StringComparer.OrdinalIgnoreCase) ? "company-specific" : "event"))];
}
