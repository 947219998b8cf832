using MarketContext.Web.Features.Calendars;
using MarketContext.Web.Features.Events;

namespace MarketContext.Web.Features.EventStudy;

/// <summary>Other news inside a listing's event window; <c>Date</c> is that news' day 0 on the listing's exchange.</summary>
public sealed record Confounder(string Id, string Label, DateOnly Date, string Kind);

/// <summary>Other news inside an event window makes the window's abnormal return hard to attribute.</summary>
public static class Confounders
{
    /// <summary>
    /// The set's other single-day dated events whose day 0 on the listing (<paramref name="dayZero"/>: its exchange's
    /// first session that could price them) falls inside [first, last], with company-specific shocks to this symbol
    /// marked as such. Periods are background, not confounders.
    /// </summary>
    public static IReadOnlyList<Confounder> InWindow(string? studiedId, string symbol, DateOnly first, DateOnly last, IEnumerable<PolicyEvent> catalogue,
        Func<EventMoment, DateOnly?> dayZero) =>
        new ConfounderCandidates(catalogue, dayZero).InWindow(studiedId, symbol, first, last);

    /// <summary>Day 0 on a listing's exchange, as its studies place it.</summary>
    public static Func<EventMoment, DateOnly?> OnListing(StudyListing listing, int closeShiftMinutes) =>
        moment => listing.DayZero(moment, closeShiftMinutes).Day0;
}

/// <summary>
/// The catalogue's single-day dated events with their day 0 on one listing, in day order: worked out once for the
/// many windows of one listing rather than once per window.
/// </summary>
public sealed class ConfounderCandidates(IEnumerable<PolicyEvent> catalogue, Func<EventMoment, DateOnly?> dayZero)
{
    private readonly (PolicyEvent Event, DateOnly Day)[] _byDay = [.. catalogue
        .Where(e => e.IsDated && !e.IsBand)
        .Select(e => (Event: e, Day: EventMoment.Of(e) is { } moment ? dayZero(moment) : null))
        .Where(x => x.Day is not null)
        .Select(x => (x.Event, Day: x.Day!.Value))
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
