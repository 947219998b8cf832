using MarketContext.Web.Features.Events;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// The events a time chart shows, in groups that share one place on the picture. While every event has room, each is
/// its own group, as always. A set with more events than the picture has room for (a trade-policy database of thousands)
/// is drawn in slots a few pixels wide: one marker, one label per slot, and the marker names every event in it.
/// </summary>
public static class EventMarkGroups
{
    /// <summary>Below this many pixels per event the labels could not be read however they were stacked.</summary>
    internal const double PixelsPerEvent = 8;

    internal sealed record Mark(PolicyEvent Event, DateOnly Start, DateOnly? End, double X);

    internal sealed record Group(IReadOnlyList<Mark> Members)
    {
        public Mark First => Members[0];

        public string Label => Members.Count == 1 ? First.Event.Label : $"{First.Event.Label} +{Members.Count - 1}";

        public string ShortLabel => Members.Count == 1 ? First.Event.Id : $"{First.Event.Id} +{Members.Count - 1}";

        public IReadOnlyList<string>? Ids => Members.Count == 1 ? null : [.. Members.Select(m => m.Event.Id)];
    }

    /// <summary>Whether so many events are shown that they are grouped by place and their labels thinned.</summary>
    internal static bool IsDense(int shown, double dataWidth) => shown > dataWidth / PixelsPerEvent;

    /// <summary>The marks in order of place; dense ones grouped by slots of <see cref="PixelsPerEvent"/> pixels from each group's first.</summary>
    internal static IReadOnlyList<Group> Of(IReadOnlyList<Mark> ordered, double dataWidth)
    {
        if (!IsDense(ordered.Count, dataWidth))
        {
            return [.. ordered.Select(m => new Group([m]))];
        }
        var groups = new List<Group>();
        var current = new List<Mark>();
        foreach (var mark in ordered)
        {
            if (current.Count > 0 && mark.X - current[0].X >= PixelsPerEvent)
            {
                groups.Add(new Group(current));
                current = [];
            }
            current.Add(mark);
        }
        if (current.Count > 0)
        {
            groups.Add(new Group(current));
        }
        return groups;
    }
}
