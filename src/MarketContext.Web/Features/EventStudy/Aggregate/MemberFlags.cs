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
    public static IReadOnlyList<MemberFlag> For(MemberSpan member, IReadOnlyList<MemberSpan> all, IEnumerable<PolicyEvent> catalogue)
    {
        var flags = new List<MemberFlag>();
        // One flag per other event, whichever symbols it was studied for.
        foreach (var other in all.Where(o => o.EventKey != member.EventKey).DistinctBy(o => o.EventKey).OrderBy(o => o.Day0))
        {
            if (other.WindowFirst <= member.WindowLast && other.WindowLast >= member.WindowFirst)
            {
                flags.Add(new MemberFlag("window-overlap", other.EventId, other.Day0));
            }
            if (other.Day0 >= member.EstimationFirst && other.Day0 <= member.EstimationLast)
            {
                flags.Add(new MemberFlag("day0-in-estimation", other.EventId, other.Day0));
            }
        }
        var shocks = catalogue
            .Where(e => e.Id != member.EventId && e.IsDated && !e.IsBand && e.Companies.Contains(member.Symbol, StringComparer.OrdinalIgnoreCase))
            .Select(e => (e.Id, Day: EventTiming.ReactionDate(e)!.Value))
            .OrderBy(s => s.Day);
        foreach (var (id, day) in shocks)
        {
            if (day >= member.EstimationFirst && day <= member.EstimationLast)
            {
                flags.Add(new MemberFlag("shock-in-estimation", id, day));
            }
            else if (day >= member.WindowFirst && day <= member.WindowLast)
            {
                flags.Add(new MemberFlag("shock-in-window", id, day));
            }
        }
        return flags;
    }
}
