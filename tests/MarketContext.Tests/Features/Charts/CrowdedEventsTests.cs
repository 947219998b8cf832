using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Rendering;
using ScottPlot;
using SkiaSharp;

namespace MarketContext.Tests.Features.Charts;

/// <summary>A set of thousands of events (a trade-policy database) on a chart of one year.</summary>
public sealed class CrowdedEventsTests
{
    private static readonly DateOnly First = new(2020, 1, 1);
    private static readonly ChartOptions OneYear = new(First, new DateOnly(2020, 12, 31), ChartMode.Rebased, false, 1200, 600);

    private static PolicyEvent Event(int i, DateOnly date) =>
        new($"T{i:0000}", date, null, "day", date, null, $"Measure {i}", $"Measure number {i}", "", i % 2 == 0 ? "legal" : "industry", [], false, null, "", [], [], "high");

    /// <summary>5,000 events spread over 2019–2021: about a third of them in the year shown.</summary>
    private static IReadOnlyList<PolicyEvent> Crowd() =>
        [.. Enumerable.Range(0, 5000).Select(i => Event(i, new DateOnly(2019, 1, 1).AddDays(i * 1095 / 5000)))];

    private static ChartSeries Prices()
    {
        var dates = Enumerable.Range(0, 366).Select(First.AddDays).Where(d => d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday).ToArray();
        return new ChartSeries("ERIC", "Ericsson", dates, [.. dates.Select((_, i) => 10 + Math.Sin(i / 10.0))]);
    }

    private static double DrawnWidth(string text)
    {
        using var paint = Paint.NewDisposablePaint();
        return new LabelStyle { FontName = "DejaVu Sans", FontSize = 11 }.Measure(text, paint).Width + 2;
    }

    [Fact]
    public void Every_event_in_view_is_named_by_a_marker_and_none_outside_it()
    {
        var events = Crowd();
        using var picture = ChartRenderer.Render(new ChartData([Prices()], events, [], new DateOnly(2020, 12, 31)), OneYear);

        var markers = picture.Layout.Markers.Where(m => m.Kind == "event").ToList();
        var named = markers.SelectMany(m => m.Ids ?? [m.Id]).ToList();
        var inView = events.Where(e => e.Date >= First && e.Date <= new DateOnly(2020, 12, 31)).Select(e => e.Id).ToList();
        Assert.Equal(inView.Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
        // One marker per few pixels, not one per event: the page's buttons stay as many as the picture has room for.
        Assert.InRange(markers.Count, 1, picture.Layout.DataRect.Width / EventMarkGroups.PixelsPerEvent + 1);
        Assert.All(markers.Where(m => m.Ids is not null), m => Assert.Equal(m.Id, m.Ids![0]));
    }

    [Fact]
    public void A_crowded_chart_draws_one_line_per_marker_so_the_lines_grow_with_its_width_not_its_events()
    {
        var events = Crowd();
        using var picture = ChartRenderer.Render(new ChartData([Prices()], events, [], new DateOnly(2020, 12, 31)), OneYear);

        var width = picture.Layout.DataRect.Width;
        var inView = events.Count(e => e.Date >= First && e.Date <= new DateOnly(2020, 12, 31));
        Assert.True(inView > width, $"{inView} events in view, {width} pixels: the view must hold more events than columns");
        var lines = picture.Plot.GetPlottables().OfType<EventMarksPlot>().SelectMany(p => p.Marks).Where(m => m.X2 is null).ToList();
        var markers = picture.Layout.Markers.Count(m => m.Kind == "event");
        Assert.InRange(lines.Count, 1, Math.Min(width, markers));
        Assert.Equal(lines.Count, lines.Select(l => (int)l.X).Distinct().Count());
        // Lines that stand for both categories are drawn in one neutral colour, which the legend names.
        Assert.Contains(lines, l => l.Color == EventMarksPlot.Mixed.Color);
        Assert.Contains(picture.Plot.Legend.ManualItems, i => i.LabelText == EventMarksPlot.Mixed.Name);
    }

    [Fact]
    public void Labels_of_a_crowded_chart_are_thinned_so_none_touches_another_or_leaves_the_picture()
    {
        using var measure = new TextMeasure();
        const double width = 1112;
        var marks = Crowd().Take(1600)
            .Select((e, i) => new EventMarkGroups.Mark(e, e.Date!.Value, null, 64 + i * width / 1600)).ToList();
        var groups = EventMarkGroups.Of(marks, width);

        var placement = EventLabelPlacement.Place([.. groups.Select(g => new EventLabelPlacement.LabelRequest(g.First.X, g.Label, g.ShortLabel))],
            width, 4, measure, thin: true);

        Assert.Equal(marks.Count, groups.Sum(g => g.Members.Count));
        Assert.True(groups.Count <= width / EventMarkGroups.PixelsPerEvent + 1, $"{groups.Count} groups");
        var shown = placement.Placed.Where(p => p.Row >= 0).ToList();
        Assert.NotEmpty(shown);
        Assert.True(shown.Count < groups.Count, "some labels are left out");
        foreach (var row in shown.GroupBy(p => p.Row))
        {
            var ordered = row.OrderBy(p => p.X).ToList();
            foreach (var (left, right) in ordered.Zip(ordered.Skip(1)))
            {
                Assert.True(left.X + DrawnWidth(left.Text) <= right.X, $"row {row.Key}: \"{left.Text}\" at {left.X} runs into \"{right.Text}\" at {right.X}");
            }
            Assert.All(ordered, p => Assert.InRange(p.X + DrawnWidth(p.Text), 0, 64 + width + 1));
        }
        // A group's label says how many events it stands for.
        Assert.Contains(shown, p => p.Text.EndsWith($"+{groups[0].Members.Count - 1}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_few_events_keep_one_marker_and_one_label_each()
    {
        var events = Crowd().Where(e => e.Date!.Value.Year == 2020).Take(30).ToList();
        using var picture = ChartRenderer.Render(new ChartData([Prices()], events, [], new DateOnly(2020, 12, 31)), OneYear);

        var markers = picture.Layout.Markers.Where(m => m.Kind == "event").ToList();
        Assert.Equal(events.Select(e => e.Id), markers.Select(m => m.Id));
        Assert.All(markers, m => Assert.Null(m.Ids));
    }
}
