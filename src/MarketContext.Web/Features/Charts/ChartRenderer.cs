using System.Globalization;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Rendering;
using ScottPlot;

namespace MarketContext.Web.Features.Charts;

public sealed record ChartOptions(DateOnly From, DateOnly To, ChartMode Mode, bool Log, int Width, int Height, int Scale = 1, int Window = 10, string EventSet = "all event categories", ChartView View = ChartView.Time, bool Average = false, ChartTheme Theme = ChartTheme.Light)
{
    public static ChartOptions Of(ChartRequest request, IReadOnlyList<EventCategory>? setCategories = null) =>
        new(request.From, request.To, request.Mode, request.Log, request.Width, request.Height, request.Scale, request.Window,
            DescribeEvents(request.EventCategories, setCategories ?? EventCategories.All), request.View, request.Average, request.Theme);

    private static string DescribeEvents(IReadOnlySet<string>? categories, IReadOnlyList<EventCategory> all) =>
        categories is null || all.All(c => categories.Contains(c.Id)) ? "all event categories"
        : categories.Count == 0 ? "no events"
        : "events: " + string.Join(", ", all.Where(c => categories.Contains(c.Id)).Select(c => c.Name));
}

/// <summary>
/// Draws prices against events and annotations. Pure: data in, plot out. The layout is fixed, so every
/// pixel position (markers, labels, the date under the pointer) is known before anything is drawn.
/// </summary>
public static class ChartRenderer
{
    public static readonly PixelPadding Padding = new(left: 64, right: 24, bottom: 58, top: 40);

    private const double NarrowDataWidth = 480;

    /// <summary>An event's day 0 on each listing drawn, each on its own exchange's calendar; null for an event without a moment.</summary>
    internal static IReadOnlyList<MarkerDayZero>? EventDayZeros(PolicyEvent e, ChartData data) =>
        Calendars.EventMoment.Of(e) is not { } moment ? null
        : [.. data.Series.Select(s => (s.Symbol, Zero: Calendars.DayZeros.ForListing(moment, data.Exchanges?.GetValueOrDefault(s.Symbol))))
            .Select(x => new MarkerDayZero(e.Id, x.Symbol, x.Zero.Day0, x.Zero.Reason))];

    /// <summary>The one renderer behind the page, the PNG, the SVG, the CSV and the layout.</summary>
    public static ChartPicture Render(ChartData data, ChartOptions options)
    {
        var picture = options.View == ChartView.EventTime ? EventTimeRenderer.Render(data, options) : RenderTime(data, options);
        ChartThemes.Apply(picture.Plot, options.Theme);
        return picture;
    }

    private static ChartPicture RenderTime(ChartData data, ChartOptions options)
    {
        PictureFonts.Ensure();
        // Labels, legend items, the title and the caption are measured as ScottPlot will draw them.
        using var measure = new TextMeasure();
        var plot = new Plot();
        plot.Layout.Fixed(Padding);
        var frame = Frame.Of(options, data);

        var lines = data.Series.Select((s, i) => Transform(s, options, ColorOf(s, i))).Where(l => l.Xs.Length > 0).ToList();
        var markers = new List<ChartMarker>();

        // Only the events in view are placed: a set's events outside the range cost nothing more than this filter.
        var eventMarks = data.Events
            .Select(e => (Event: e, Span: EventSpan(e)))
            .Where(m => m.Span.Start <= frame.To && (m.Span.End ?? m.Span.Start) >= frame.From)
            .OrderBy(m => m.Span.Start).ThenBy(m => m.Event.Id)
            .Select(m => new EventMarkGroups.Mark(m.Event, Clamp(m.Span.Start, frame), m.Span.End is { } end ? Clamp(end, frame) : null, frame.PixelX(Clamp(m.Span.Start, frame))))
            .ToList();
        var eventGroups = EventMarkGroups.Of(eventMarks, frame.DataWidth);
        var dense = EventMarkGroups.IsDense(eventMarks.Count, frame.DataWidth);
        var eventLabels = EventLabelPlacement.Place(
            [.. eventGroups.Select(g => new EventLabelPlacement.LabelRequest(g.First.X, g.Label, g.ShortLabel))],
            frame.DataWidth, EventLabelPlacement.MaxRows(frame.DataHeight, 4), measure, thin: dense);

        var categories = eventMarks.Select(m => m.Event.Category).Distinct().Select(data.CategoryOf).ToList();
        // On a phone-width picture the legend would cover the data: it names the series by symbol alone, and the
        // event colours are left to the page's category chips.
        var narrow = frame.DataWidth < NarrowDataWidth;
        var legendCategories = narrow ? new List<EventCategory>() : categories;
        if (!narrow && dense && eventGroups.Any(EventMarksPlot.MixesCategories))
        {
            legendCategories = [.. categories, EventMarksPlot.Mixed];
        }
        string LegendOf(Line line) => narrow ? line.Symbol : line.Legend;
        var legendHeight = ChartLegend.Height(lines.Select(LegendOf).Concat(legendCategories.Select(c => c.Name)), frame.DataWidth, measure);
        var topBand = eventLabels.Rows * EventLabelPlacement.LabelRowHeight + (eventLabels.Rows > 0 ? 6 : 0);
        // The annotation label band is kept whether or not this picture draws annotations: the page's picture (without
        // them) and a download (with them) then have the same axes, and the page's overlay lands where the download draws.
        var annotationRows = EventLabelPlacement.AnnotationRows(frame.DataHeight);
        var bottomBand = annotationRows * EventLabelPlacement.LabelRowHeight + legendHeight + 6;
        var (yMin, yMax, contentMin, contentMax) = YLimits(lines, options, frame.DataHeight, topBand, bottomBand);

        // Dense marks are drawn in one pass, one line per group; a few keep a plottable each, as they always have.
        var bands = new HashSet<(int, int, string)>();
        var denseMarks = new List<EventMarksPlot.Mark>();
        var denseLabels = new List<EventMarksPlot.Label>();
        foreach (var (group, label) in eventGroups.Zip(eventLabels.Placed))
        {
            if (dense)
            {
                denseMarks.AddRange(EventMarksPlot.Of(group, frame.PixelX, data.CategoryOf, bands));
            }
            foreach (var mark in group.Members.Where(_ => !dense))
            {
                var color = Color.FromHex(data.CategoryOf(mark.Event.Category).Color);
                if (mark.End is { } bandEnd)
                {
                    var band = plot.Add.HorizontalSpan(Oa(mark.Start), Oa(bandEnd), color.WithAlpha(0.07));
                    band.LineWidth = 0;
                }
                else
                {
                    var line = plot.Add.VerticalLine(Oa(mark.Start), mark.Event.IsCompanySpecific ? 1.0f : 1.4f, color.WithAlpha(mark.Event.IsCompanySpecific ? 0.55 : 0.85));
                    line.ExcludeFromLegend = true;
                }
            }
            var first = group.First;
            markers.Add(new ChartMarker("event", first.Event.Id, first.X, first.End is { } firstEnd ? frame.PixelX(firstEnd) : null)
            {
                Ids = group.Ids,
                Listings = group.Members.Count == 1 ? EventDayZeros(first.Event, data) : null,
            });
            if (!dense)
            {
                EventLabelPlacement.AddLabel(plot, label, frame, yMin, yMax, fromTop: true, Color.FromHex(data.CategoryOf(first.Event.Category).Color));
            }
            else if (label.Row >= 0)
            {
                denseLabels.Add(new EventMarksPlot.Label(label.Text, label.X, Padding.Top + 3 + label.Row * EventLabelPlacement.LabelRowHeight,
                    EventLabelPlacement.TextWidth(measure, label.Text), data.CategoryOf(first.Event.Category).Color));
            }
        }

        var dataRect = new PixelBox(Padding.Left, Padding.Top, frame.DataWidth, frame.DataHeight);
        if (denseMarks.Count > 0)
        {
            plot.Add.Plottable(new EventMarksPlot(denseMarks, denseLabels, dataRect));
        }
        var annotationFrame = new AnnotationOverlay.Frame(dataRect, frame.From, frame.To, Padding.Top + frame.DataHeight - legendHeight - 3, annotationRows);
        var annotationMarks = AnnotationOverlay.InTheme(AnnotationOverlay.Place(annotationFrame, data.Annotations, measure), options.Theme);
        markers.AddRange(annotationMarks.Select(m => new ChartMarker("annotation", m.Id, m.X, m.X2)));

        foreach (var line in lines)
        {
            var (xs, ys) = Decimation.Decimate(line.Xs, line.Ys, Oa(frame.From), Oa(frame.To), (int)frame.DataWidth);
            var scatter = plot.Add.ScatterLine(xs, ys, Color.FromHex(line.Color));
            scatter.LineWidth = line.Color == ChartColors.Benchmark ? 1.5f : 2;
            scatter.LegendText = LegendOf(line);
        }
        // Over the prices, as the page's overlay lies over its picture.
        plot.Add.Plottable(new AnnotationMarksPlot(annotationMarks));
        foreach (var category in legendCategories)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = category.Name, FillColor = Color.FromHex(category.Color).WithAlpha(0.8) });
        }
        if (lines.Count > 0 || legendCategories.Count > 0)
        {
            plot.ShowLegend(Alignment.LowerLeft, Orientation.Horizontal);
            plot.Legend.FontSize = ChartLegend.FontSize;
            plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
        }
        if (lines.Count == 0)
        {
            var empty = plot.Add.Text("No prices in this range — import price files to draw the chart.", Oa(frame.From) + (Oa(frame.To) - Oa(frame.From)) / 2, (yMin + yMax) / 2);
            empty.LabelFontSize = 16;
            empty.LabelFontColor = Color.FromHex("#6B7280");
            empty.LabelAlignment = Alignment.MiddleCenter;
        }

        plot.Axes.DateTimeTicksBottom().TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = ChartTicks.IsoTick };
        plot.Axes.SetLimits(Oa(frame.From), Oa(frame.To), yMin, yMax);
        // Ticks only where the data is: the bands kept free for labels and the legend carry no scale.
        plot.Axes.Left.TickGenerator = options.Log ? ChartTicks.LogTicks(contentMin, contentMax, options.Mode) : ChartTicks.LinearTicks(contentMin, contentMax);
        plot.Title(ChartCaption.Title(data, options, frame, text => measure.Width(text, ChartCaption.TitleFontSize, plot.Axes.Title.Label.Bold)), ChartCaption.TitleFontSize);
        plot.YLabel(ChartCaption.YAxisName(options, data), 12);
        plot.XLabel(ChartCaption.Caption(data, options, text => measure.Width(text, ChartCaption.CaptionFontSize, plot.Axes.Bottom.Label.Bold)), ChartCaption.CaptionFontSize);
        plot.Axes.Bottom.Label.ForeColor = Color.FromHex("#4B5563");

        var layout = new ChartLayout(
            dataRect,
            frame.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            frame.To.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            yMin, yMax, markers,
            AnnotationLabelBottom: annotationFrame.LabelBottom,
            AnnotationLabelRows: annotationRows,
            Annotations: annotationMarks);
        return new ChartPicture(plot, layout, new ImageSize(options.Width, options.Height, options.Scale), () => Table(lines));
    }

    /// <summary>The plotted values by date, one column per series, as shown (before any log scale).</summary>
    private static PlottedTable Table(IReadOnlyList<Line> lines)
    {
        var dates = lines.SelectMany(l => l.Dates).Distinct().Order().ToList();
        var byLine = lines.Select(l => l.Dates.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => l.Shown[x.i])).ToList();
        return new PlottedTable(
            ["date", .. lines.Select(l => l.Symbol)],
            [.. dates.Select(d => (IReadOnlyList<string>)[d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                .. byLine.Select(values => values.TryGetValue(d, out var v) ? v.ToString("0.######", CultureInfo.InvariantCulture) : "")])]);
    }

    /// <summary>The dates a chart of these options spans: the request, narrowed to where the prices are.</summary>
    internal sealed record Frame(DateOnly From, DateOnly To, double DataWidth, double DataHeight)
    {
        public static Frame Of(ChartOptions options, ChartData data)
        {
            var from = options.From;
            var to = options.To;
            var dates = data.Series.Where(s => s.Dates.Length > 0).ToList();
            if (dates.Count > 0)
            {
                from = Max(from, dates.Min(s => s.Dates[0]));
                to = Min(to, dates.Max(s => s.Dates[^1]));
            }
            if (to <= from)
            {
                to = from.AddDays(1);
            }
            return new Frame(from, to, options.Width - Padding.Left - Padding.Right, options.Height - Padding.Top - Padding.Bottom);
        }

        public double PixelX(DateOnly date) => Padding.Left + (Oa(date) - Oa(From)) / (Oa(To) - Oa(From)) * DataWidth;

        public double DataX(double pixelX) => Oa(From) + (pixelX - Padding.Left) / DataWidth * (Oa(To) - Oa(From));

        private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    }

    /// <summary>A series as drawn: <c>Shown</c> in the mode's units, <c>Ys</c> as plotted (their logarithm on a log scale).</summary>
    internal sealed record Line(string Symbol, string Legend, string Color, DateOnly[] Dates, double[] Shown, double[] Xs, double[] Ys);

    /// <summary>The colour of the series at this place in the drawing order.</summary>
    internal static string ColorOf(ChartSeries series, int index) => series.IsBenchmark ? ChartColors.Benchmark : ChartColors.SeriesColor(index);

    internal static Line Transform(ChartSeries series, ChartOptions options, string color)
    {
        var first = series.Values.Length > 0 ? series.Values[0] : 1;
        var shown = new double[series.Values.Length];
        var ys = new double[series.Values.Length];
        for (var i = 0; i < ys.Length; i++)
        {
            var ratio = series.Values[i] / first;
            (shown[i], ys[i]) = options.Mode switch
            {
                ChartMode.Rebased => (ratio * 100, ratio * 100),
                ChartMode.Percent => ((ratio - 1) * 100, ratio),
                _ => (series.Values[i], series.Values[i]),
            };
            ys[i] = options.Log ? Math.Log10(ys[i]) : shown[i];
        }
        return new Line(series.Symbol, $"{series.Symbol} · {series.Name}", color, series.Dates, shown, [.. series.Dates.Select(Oa)], ys);
    }

    private static (double Min, double Max, double ContentMin, double ContentMax) YLimits(IReadOnlyList<Line> lines, ChartOptions options, double dataHeight, double topBand, double bottomBand)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var line in lines)
        {
            foreach (var y in line.Ys)
            {
                min = Math.Min(min, y);
                max = Math.Max(max, y);
            }
        }
        if (!double.IsFinite(min))
        {
            (min, max) = options.Log ? (1.0, 3.0) : (0.0, 100.0);
        }
        var span = max - min;
        var pad = span > 0 ? span * 0.05 : Math.Max(Math.Abs(max) * 0.05, 0.5);
        min -= pad;
        max += pad;
        var usable = Math.Max(dataHeight - topBand - bottomBand, dataHeight * 0.3);
        var unitsPerPixel = (max - min) / usable;
        return (min - bottomBand * unitsPerPixel, max + topBand * unitsPerPixel, min, max);
    }

    private static (DateOnly Start, DateOnly? End) EventSpan(PolicyEvent e)
    {
        // Markets learn of an event on its first-public day; periods and months are shown whole.
        return e.IsBand ? (e.Date!.Value, e.BandEnd) : (e.FirstPublic ?? e.Date!.Value, null);
    }

    private static DateOnly Clamp(DateOnly date, Frame frame) => date < frame.From ? frame.From : date > frame.To ? frame.To : date;

    internal static double Oa(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToOADate();
}
