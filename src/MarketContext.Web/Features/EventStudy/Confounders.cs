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
        new ConfounderCandidates(catalogue).InWindow(studiedId, symbol, first, last);
}

/// <summary>
/// The catalogue's single-day dated events with their reaction days, in day order: worked out once for the many
/// windows of one request rather than once per window.
/// </summary>
public sealed class ConfounderCandidates(IEnumerable<PolicyEvent> catalogue)
{
    private readonly (PolicyEvent Event, DateOnly Day)[] _byDay = [.. catalogue
        .Where(e => e.IsDated && !e.IsBand)
        .Select(e => (Event: e, Day: EventTiming.ReactionDate(e)!.Value))
        .OrderBy(x => x.Day)];

    /// <summary>As <see cref="Confounders.InWindow"/>.</summary>
    public IReadOnlyList<Confounder> InWindow(string? studiedId, string symbol, DateOnly first, DateOnly last)
    {
        var found = new List<Confounder>();
        foreach (var (e, day) in _byDay)
        {
            if (day > last)
            {
                break;
            }
            if (day >= first && e.Id != studiedId)
            {
                found.Add(new Confounder(e.Id, e.Label, day,
                    e.Companies.Contains(symbol, StringComparer.OrdinalIgnoreCase) ? "company-specific" : "event"));
            }
        }
        return found;
    }
}
