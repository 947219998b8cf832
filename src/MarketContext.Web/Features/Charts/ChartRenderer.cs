using System.Globalization;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Rendering;
using ScottPlot;

namespace MarketContext.Web.Features.Charts;

public sealed record ChartOptions(DateOnly From, DateOnly To, ChartMode Mode, bool Log, int Width, int Height, int Scale = 1, int Window = 10, string EventSet = "all event categories", ChartView View = ChartView.Time, bool Average = false)
{
    public static ChartOptions Of(ChartRequest request) =>
        new(request.From, request.To, request.Mode, request.Log, request.Width, request.Height, request.Scale, request.Window, DescribeEvents(request.EventCategories), request.View, request.Average);

    private static string DescribeEvents(IReadOnlySet<string> categories) =>
        categories.Count == EventCategories.All.Count ? "all event categories"
        : categories.Count == 0 ? "no events"
        : "events: " + string.Join(", ", EventCategories.All.Where(c => categories.Contains(c.Id)).Select(c => c.Name));
}

/// <summary>
/// Draws prices against events and annotations. Pure: data in, plot out. The layout is fixed, so every
/// pixel position (markers, labels, the date under the pointer) is known before anything is drawn.
/// </summary>
public static class ChartRenderer
{
    public static readonly PixelPadding Padding = new(left: 64, right: 24, bottom: 58, top: 40);

    private const float LabelFontSize = 11;
    private const double LabelRowHeight = 16;
    private const double CharWidth = 6.6;
    private const double CaptionCharWidth = 6.1;
    private const double TitleCharWidth = 8.4;
    private const double NarrowDataWidth = 480;
    private const string AnnotationColor = "#8B2F00";

    internal static readonly string[] SeriesColors = ["#1F2937", "#7C3AED", "#0E7490", "#B45309", "#BE123C", "#4D7C0F", "#1D4ED8", "#6B7280"];
    internal const string BenchmarkColor = "#9CA3AF";

    /// <summary>The one renderer behind the page, the PNG, the SVG, the CSV and the layout.</summary>
    public static ChartPicture Render(ChartData data, ChartOptions options) =>
        options.View == ChartView.EventTime ? EventTimeRenderer.Render(data, options) : RenderTime(data, options);

    private static ChartPicture RenderTime(ChartData data, ChartOptions options)
    {
        PictureFonts.Ensure();
        var plot = new Plot();
        plot.Layout.Fixed(Padding);
        var frame = Frame.Of(options, data);

        var lines = data.Series.Select((s, i) => Transform(s, options, s.IsBenchmark ? BenchmarkColor : SeriesColors[i % SeriesColors.Length])).Where(l => l.Xs.Length > 0).ToList();
        var markers = new List<ChartMarker>();

        var eventMarks = data.Events
            .Select(e => (Event: e, Span: EventSpan(e)))
            .Where(m => m.Span.Start <= frame.To && (m.Span.End ?? m.Span.Start) >= frame.From)
            .OrderBy(m => m.Span.Start).ThenBy(m => m.Event.Id)
            .ToList();
        var eventLabels = PlaceLabels(
            eventMarks.Select(m => new LabelRequest(frame.PixelX(Clamp(m.Span.Start, frame)), m.Event.Label, m.Event.Id)).ToList(),
            frame.DataWidth, MaxRows(frame.DataHeight, 4));

        var annotationMarks = data.Annotations
            .Where(a => a.Date <= frame.To && (a.EndDate ?? a.Date) >= frame.From)
            .OrderBy(a => a.Date).ThenBy(a => a.Id)
            .ToList();
        var annotationLabels = PlaceLabels(
            annotationMarks.Select(a => new LabelRequest(frame.PixelX(Clamp(a.Date, frame)), Shorten(a.Text, 28), $"A{a.Id}")).ToList(),
            frame.DataWidth, AnnotationRows(frame.DataHeight));

        var categories = eventMarks.Select(m => m.Event.Category).Distinct().Select(EventCategories.Get).ToList();
        // On a phone-width picture the legend would cover the data: it names the series by symbol alone, and the
        // event colours are left to the page's category chips.
        var narrow = frame.DataWidth < NarrowDataWidth;
        var legendCategories = narrow ? new List<EventCategory>() : categories;
        string LegendOf(Line line) => narrow ? line.Symbol : line.Legend;
        var legendHeight = LegendHeight(lines.Select(LegendOf).Concat(legendCategories.Select(c => c.Name)), frame.DataWidth);
        var topBand = eventLabels.Rows * LabelRowHeight + (eventLabels.Rows > 0 ? 6 : 0);
        var bottomBand = annotationLabels.Rows * LabelRowHeight + legendHeight + 6;
        var (yMin, yMax, contentMin, contentMax) = YLimits(lines, options, frame.DataHeight, topBand, bottomBand);

        foreach (var (mark, label) in eventMarks.Zip(eventLabels.Placed))
        {
            var color = Color.FromHex(EventCategories.Get(mark.Event.Category).Color);
            var start = Clamp(mark.Span.Start, frame);
            if (mark.Span.End is { } end)
            {
                var band = plot.Add.HorizontalSpan(Oa(start), Oa(Clamp(end, frame)), color.WithAlpha(0.07));
                band.LineWidth = 0;
                markers.Add(new ChartMarker("event", mark.Event.Id, frame.PixelX(start), frame.PixelX(Clamp(end, frame))));
            }
            else
            {
                var line = plot.Add.VerticalLine(Oa(start), mark.Event.IsCompanySpecific ? 1.0f : 1.4f, color.WithAlpha(mark.Event.IsCompanySpecific ? 0.55 : 0.85));
                line.ExcludeFromLegend = true;
                markers.Add(new ChartMarker("event", mark.Event.Id, frame.PixelX(start), null));
            }
            AddLabel(plot, label, frame, yMin, yMax, fromTop: true, color);
        }

        foreach (var (annotation, label) in annotationMarks.Zip(annotationLabels.Placed))
        {
            var color = Color.FromHex(AnnotationColor);
            var start = Clamp(annotation.Date, frame);
            var id = annotation.Id.ToString(CultureInfo.InvariantCulture);
            if (annotation.EndDate is { } end && end > annotation.Date)
            {
                var band = plot.Add.HorizontalSpan(Oa(start), Oa(Clamp(end, frame)), color.WithAlpha(0.10));
                band.LineWidth = 1;
                band.LineColor = color.WithAlpha(0.6);
                markers.Add(new ChartMarker("annotation", id, frame.PixelX(start), frame.PixelX(Clamp(end, frame))));
            }
            else
            {
                plot.Add.VerticalLine(Oa(start), 1.6f, color.WithAlpha(0.9)).ExcludeFromLegend = true;
                markers.Add(new ChartMarker("annotation", id, frame.PixelX(start), null));
            }
            AddLabel(plot, label, frame, yMin, yMax, fromTop: false, color, legendHeight);
        }

        foreach (var line in lines)
        {
            var (xs, ys) = Decimate(line.Xs, line.Ys, Oa(frame.From), Oa(frame.To), (int)frame.DataWidth);
            var scatter = plot.Add.ScatterLine(xs, ys, Color.FromHex(line.Color));
            scatter.LineWidth = line.Color == BenchmarkColor ? 1.5f : 2;
            scatter.LegendText = LegendOf(line);
        }
        foreach (var category in legendCategories)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = category.Name, FillColor = Color.FromHex(category.Color).WithAlpha(0.8) });
        }
        if (lines.Count > 0 || legendCategories.Count > 0)
        {
            plot.ShowLegend(Alignment.LowerLeft, Orientation.Horizontal);
            plot.Legend.FontSize = 11;
            plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
        }
        if (lines.Count == 0)
        {
            var empty = plot.Add.Text("No prices in this range — import price files to draw the chart.", Oa(frame.From) + (Oa(frame.To) - Oa(frame.From)) / 2, (yMin + yMax) / 2);
            empty.LabelFontSize = 16;
            empty.LabelFontColor = Color.FromHex("#6B7280");
            empty.LabelAlignment = Alignment.MiddleCenter;
        }

        plot.Axes.DateTimeTicksBottom().TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = IsoTick };
        plot.Axes.SetLimits(Oa(frame.From), Oa(frame.To), yMin, yMax);
        // Ticks only where the data is: the bands kept free for labels and the legend carry no scale.
        plot.Axes.Left.TickGenerator = options.Log ? LogTicks(contentMin, contentMax, options.Mode) : LinearTicks(contentMin, contentMax);
        plot.Title(Title(data, options, frame), 14);
        plot.YLabel(YAxisName(options), 12);
        plot.XLabel(Caption(data, options), 10);
        plot.Axes.Bottom.Label.ForeColor = Color.FromHex("#4B5563");

        var layout = new ChartLayout(
            new PixelBox(Padding.Left, Padding.Top, frame.DataWidth, frame.DataHeight),
            frame.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            frame.To.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            yMin, yMax, markers,
            AnnotationLabelBottom: Padding.Top + frame.DataHeight - legendHeight - 3,
            AnnotationLabelRows: AnnotationRows(frame.DataHeight));
        return new ChartPicture(plot, layout, new ImageSize(options.Width, options.Height, options.Scale), () => Table(lines));
    }

    /// <summary>
    /// Keeps each pixel column's first, lowest, highest and last point, in order: a long history drawn with a
    /// few points per column looks the same as with all of them, and draws far faster.
    /// </summary>
    internal static (double[] Xs, double[] Ys) Decimate(double[] xs, double[] ys, double xMin, double xMax, int columns)
    {
        if (xs.Length <= columns * 4)
        {
            return (xs, ys);
        }
        var keepX = new List<double>(columns * 4);
        var keepY = new List<double>(columns * 4);
        var scale = columns / (xMax - xMin);
        var start = 0;
        while (start < xs.Length)
        {
            var column = Math.Floor((xs[start] - xMin) * scale);
            var end = start;
            int low = start, high = start;
            while (end + 1 < xs.Length && Math.Floor((xs[end + 1] - xMin) * scale) == column)
            {
                end++;
                if (ys[end] < ys[low])
                {
                    low = end;
                }
                if (ys[end] > ys[high])
                {
                    high = end;
                }
            }
            foreach (var i in new SortedSet<int> { start, low, high, end })
            {
                keepX.Add(xs[i]);
                keepY.Add(ys[i]);
            }
            start = end + 1;
        }
        return ([.. keepX], [.. keepY]);
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

    internal sealed record LabelRequest(double X, string Text, string ShortText);

    internal sealed record PlacedLabel(string Text, int Row, double X);

    internal sealed record LabelPlacement(IReadOnlyList<PlacedLabel> Placed, int Rows);

    /// <summary>
    /// Puts each label in the first row where it does not touch its neighbour; a label that fits nowhere is
    /// shortened to its id (the tooltip and the table give the full text).
    /// </summary>
    internal static LabelPlacement PlaceLabels(IReadOnlyList<LabelRequest> labels, double dataWidth, int maxRows)
    {
        if (labels.Count == 0 || maxRows == 0)
        {
            return new LabelPlacement([.. labels.Select(l => new PlacedLabel("", -1, l.X))], 0);
        }
        var rowEnds = Enumerable.Repeat(double.NegativeInfinity, maxRows).ToArray();
        var placed = new List<PlacedLabel>();
        var right = Padding.Left + dataWidth;
        foreach (var label in labels)
        {
            var slot = Fit(label.Text) ?? Fit(label.ShortText) ?? LeastCrowded(label.ShortText);
            placed.Add(slot);
            rowEnds[slot.Row] = Math.Max(rowEnds[slot.Row], slot.X + TextWidth(slot.Text));

            PlacedLabel? Fit(string text)
            {
                // Near the right edge a label runs leftwards from its line instead of off the picture.
                var x = label.X + TextWidth(text) > right ? label.X - TextWidth(text) - 2 : label.X + 3;
                for (var row = 0; row < maxRows; row++)
                {
                    if (rowEnds[row] + 4 <= x)
                    {
                        return new PlacedLabel(text, row, x);
                    }
                }
                return null;
            }

            PlacedLabel LeastCrowded(string text)
            {
                var row = Array.IndexOf(rowEnds, rowEnds.Min());
                return new PlacedLabel(text, row, Math.Max(label.X + 3, rowEnds[row] + 4));
            }
        }
        return new LabelPlacement(placed, placed.Max(p => p.Row) + 1);
    }

    internal static double TextWidth(string text) => text.Length * CharWidth + 6;

    private static int AnnotationRows(double dataHeight) => MaxRows(dataHeight, 2);

    private static int MaxRows(double dataHeight, int wanted) => (int)Math.Clamp((dataHeight - 120) / LabelRowHeight / 3, 1, wanted);

    private static void AddLabel(Plot plot, PlacedLabel label, Frame frame, double yMin, double yMax, bool fromTop, Color color, double bottomOffset = 0)
    {
        if (label.Row < 0 || label.Text.Length == 0)
        {
            return;
        }
        var pixelsFromTop = fromTop
            ? 3 + label.Row * LabelRowHeight
            : frame.DataHeight - bottomOffset - (label.Row + 1) * LabelRowHeight - 3;
        var y = yMax - pixelsFromTop / frame.DataHeight * (yMax - yMin);
        var text = plot.Add.Text(label.Text, frame.DataX(label.X), y);
        text.LabelFontSize = LabelFontSize;
        text.LabelFontColor = color;
        text.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
        text.LabelAlignment = Alignment.UpperLeft;
        text.LabelPadding = 1;
    }

    /// <summary>ScottPlot lays a horizontal legend out in equal cells as wide as its longest item.</summary>
    private static double LegendHeight(IEnumerable<string> items, double dataWidth)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return 0;
        }
        var cell = 40 + list.Max(i => i.Length) * CharWidth;
        var perRow = Math.Max(1, (int)((dataWidth - 24) / cell));
        var rows = (list.Count + perRow - 1) / perRow;
        return rows * 19 + 14;
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

    /// <summary>About six ticks at a 1-2-2.5-5 step from <paramref name="min"/> to <paramref name="max"/>.</summary>
    internal static IReadOnlyList<double> LinearTickValues(double min, double max)
    {
        var raw = (max - min) / 6;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (var tick = Math.Ceiling(min / step) * step; tick <= max + step * 1e-9; tick += step)
        {
            ticks.Add(Math.Abs(tick) < step * 1e-9 ? 0 : Math.Round(tick / step) * step);
        }
        return ticks;
    }

    internal static ScottPlot.TickGenerators.NumericManual LinearTicks(double min, double max)
    {
        var ticks = LinearTickValues(min, max);
        var step = ticks.Count > 1 ? ticks[1] - ticks[0] : 1;
        var format = step >= 1 ? "#,0" : step >= 0.1 ? "#,0.0" : "#,0.00";
        var generator = new ScottPlot.TickGenerators.NumericManual();
        foreach (var tick in ticks)
        {
            generator.AddMajor(tick, tick.ToString(format, CultureInfo.InvariantCulture));
        }
        return generator;
    }

    /// <summary>Ticks at 1-2-5 steps of the real values, placed at their logarithms.</summary>
    internal static ScottPlot.TickGenerators.NumericManual LogTicks(double yMin, double yMax, ChartMode mode)
    {
        double Level(double y) => Math.Pow(10, y);
        string Format(double level) => mode == ChartMode.Percent
            ? ((level - 1) * 100).ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + "%"
            : level.ToString(level >= 1000 ? "#,0" : "0.###", CultureInfo.InvariantCulture);

        var generator = new ScottPlot.TickGenerators.NumericManual();
        double[][] steps = [[1, 2, 5], [1, 1.5, 2, 3, 5, 7], [1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 4, 5, 6, 7, 8, 9]];
        foreach (var step in steps)
        {
            var ticks = new List<double>();
            for (var decade = Math.Floor(yMin); decade <= Math.Ceiling(yMax); decade++)
            {
                ticks.AddRange(step.Select(s => s * Math.Pow(10, decade)).Where(v => Math.Log10(v) >= yMin && Math.Log10(v) <= yMax));
            }
            if (ticks.Count >= 4 || step == steps[^1])
            {
                foreach (var value in ticks.Distinct())
                {
                    generator.AddMajor(Math.Log10(value), Format(value));
                }
                return generator;
            }
        }
        generator.AddMajor(yMin, Format(Level(yMin)));
        return generator;
    }

    /// <summary>ISO dates, as short as the tick allows: a year, a month, or a day.</summary>
    private static string IsoTick(DateTime tick) => tick switch
    {
        { Month: 1, Day: 1, Hour: 0 } => tick.ToString("yyyy", CultureInfo.InvariantCulture),
        { Day: 1, Hour: 0 } => tick.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => tick.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static (DateOnly Start, DateOnly? End) EventSpan(PolicyEvent e)
    {
        // Markets learn of an event on its first-public day; periods and months are shown whole.
        return e.IsBand ? (e.Date!.Value, e.BandEnd) : (e.FirstPublic ?? e.Date!.Value, null);
    }

    private static DateOnly Clamp(DateOnly date, Frame frame) => date < frame.From ? frame.From : date > frame.To ? frame.To : date;

    internal static double Oa(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToOADate();

    private static string Shorten(string text, int length)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= length ? oneLine : oneLine[..(length - 1)] + "…";
    }

    private static string Title(ChartData data, ChartOptions options, Frame frame)
    {
        var names = data.Series.Count == 0 ? "No prices loaded" : string.Join(" vs ", data.Series.Where(s => !s.IsBenchmark).Select(s => s.Name));
        var how = options.Mode switch
        {
            ChartMode.Rebased => ", rebased to 100",
            ChartMode.Percent => ", % change",
            _ => "",
        };
        var full = $"{names}{how} · {frame.From:yyyy-MM-dd} to {frame.To:yyyy-MM-dd}";
        // A phone-width picture gets the symbols and the dates alone rather than a title cut at both ends.
        var room = options.Width - 16;
        if (full.Length * TitleCharWidth <= room || data.Series.Count == 0)
        {
            return full;
        }
        var symbols = string.Join(" vs ", data.Series.Where(s => !s.IsBenchmark).Select(s => s.Symbol));
        var shorter = $"{symbols}{how} · {frame.From:yyyy-MM-dd} – {frame.To:yyyy-MM-dd}";
        return shorter.Length * TitleCharWidth <= room ? shorter : $"{symbols} · {frame.From:yyyy-MM-dd} – {frame.To:yyyy-MM-dd}";
    }

    private static string YAxisName(ChartOptions options) => (options.Mode switch
    {
        ChartMode.Rebased => "Rebased (start = 100)",
        ChartMode.Percent => "Change since start (%)",
        _ => "Price (USD)",
    }) + (options.Log ? ", log" : "");

    /// <summary>
    /// The line under the chart that makes a downloaded picture explain itself: data source and last date, the
    /// events, the parameters. On a narrow picture it falls back to a shorter wording rather than being cut.
    /// </summary>
    internal static string Caption(ChartData data, ChartOptions options, string? view = null)
    {
        var through = data.PricesLastDate is { } last ? $" through {last:yyyy-MM-dd}" : "";
        var basis = options.Mode == ChartMode.Price ? "close" : "adjusted close";
        var how = options.Mode.ToString().ToLowerInvariant() + (options.Log ? ", log scale" : "");
        var events = view ?? $"{data.Events.Count} events ({options.EventSet}) of the WSJ article of 2020-04-09 on their first-public day";
        var full = $"Daily {basis}, Yahoo Finance{through} · {events} · {how} · MarketContext";
        if (full.Length * CaptionCharWidth <= options.Width - 16)
        {
            return full;
        }
        var shortEvents = view ?? $"{data.Events.Count} events, WSJ 2020-04-09";
        var shorter = $"Yahoo Finance{through} · {shortEvents} · {how}";
        return shorter.Length * CaptionCharWidth <= options.Width - 16 ? shorter : $"Yahoo Finance{through} · {how}";
    }
}
