using MarketContext.Web.Features.Calendars;
using MarketContext.Web.Features.Events;

namespace MarketContext.Web.Features.EventStudy.Aggregate;

/// <summary>The calendar days a member occupies: its event window and its estimation window.</summary>
public sealed record MemberSpan(
    string Symbol, string? EventId, DateOnly Date, DateOnly Day0,
    DateOnly WindowFirst, DateOnly WindowLast, DateOnly EstimationFirst, DateOnly EstimationLast)
{
    /// <summary>Members of one event share a key whatever their symbol.</summary>
    public string EventKey => EventId ?? Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Overlaps and shocks that make a member's abnormal returns hard to read on their own (pure).</summary>
public static class MemberFlags
{
    /// <summary>A company-specific event: the day it could move the price of one listing, and the symbols it concerns.</summary>
    public sealed record Shock(string Id, DateOnly Day, IReadOnlyList<string> Companies);

    /// <summary>
    /// The catalogue's single-day company-specific events, each on its day 0 on one listing (<paramref name="dayZero"/>:
    /// the first session of the listing's exchange that could price it); read once per listing for all its members.
    /// </summary>
    public static IReadOnlyList<Shock> Shocks(IEnumerable<PolicyEvent> catalogue, Func<EventMoment, DateOnly?> dayZero) =>
        [.. catalogue.Where(e => e.IsDated && !e.IsBand && e.IsCompanySpecific)
            .Select(e => (Event: e, Day: EventMoment.Of(e) is { } moment ? dayZero(moment) : null))
            .Where(x => x.Day is not null)
            .Select(x => new Shock(x.Event.Id, x.Day!.Value, x.Event.Companies))
            .OrderBy(s => s.Day)];

    /// <summary>
    /// The flags of one member; <paramref name="all"/> ascends by day 0, so the flags do too. <paramref name="shocks"/>
    /// are placed on the member's listing, whose sessions its windows count.
    /// </summary>
    public static IReadOnlyList<MemberFlag> For(MemberSpan member, IReadOnlyList<MemberSpan> all, IReadOnlyList<Shock> shocks)
    {
        var flags = new List<MemberFlag>();
        var seen = new HashSet<string> { member.EventKey };
        // One flag per other event, whichever symbols it was studied for.
        foreach (var other in all)
        {
            if (!seen.Add(other.EventKey))
            {
                continue;
            }
            if (other.WindowFirst <= member.WindowLast && other.WindowLast >= member.WindowFirst)
            {
                flags.Add(new MemberFlag("window-overlap", other.EventId, other.Day0));
            }
            if (other.Day0 >= member.EstimationFirst && other.Day0 <= member.EstimationLast)
            {
                flags.Add(new MemberFlag("day0-in-estimation", other.EventId, other.Day0));
            }
        }
        foreach (var shock in shocks)
        {
            if (shock.Id == member.EventId || !shock.Companies.Contains(member.Symbol, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            if (shock.Day >= member.EstimationFirst && shock.Day <= member.EstimationLast)
            {
                flags.Add(new MemberFlag("shock-in-estimation", shock.Id, shock.Day));
            }
            else if (shock.Day >= member.WindowFirst && shock.Day <= member.WindowLast)
            {
                flags.Add(new MemberFlag("shock-in-window", shock.Id, shock.Day));
            }
        }
        return flags;
    }
}
