using System.Xml.Linq;
using MarketContext.TestSupport;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Rendering;
using ScottPlot;
using SkiaSharp;

namespace MarketContext.Tests.Features.Charts;

public sealed class ChartRendererTests
{
    // 30 weekdays from Monday 2020-03-02 end on Friday 2020-04-10 (six whole weeks).
    private static readonly DateOnly FirstDay = new(2020, 3, 2);
    private static readonly DateOnly LastDay = new(2020, 4, 10);

    private static readonly ChartOptions Options = new(new DateOnly(2020, 1, 1), new DateOnly(2020, 6, 30), ChartMode.Rebased, false, 800, 400);

    private static DateOnly[] Weekdays(DateOnly start, int count)
    {
        var days = new List<DateOnly>();
        for (var d = start; days.Count < count; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                days.Add(d);
            }
        }
        return [.. days];
    }

    private static ChartSeries Series(string symbol, double start, double step)
    {
        var dates = Weekdays(FirstDay, 30);
        return new ChartSeries(symbol, symbol + " (test)", dates, [.. dates.Select((_, i) => start + i * step)]);
    }

    private static PolicyEvent Event(string id, DateOnly date, DateOnly? endDate = null, string category = "legal") =>
        new(id, date, endDate, "day", date, null, $"Title {id}", $"Label {id}", "Summary", category, ["Sweden"], true, 1, "", [], [], "high");

    private static Annotation Note(long id, DateOnly date, string text, DateOnly? endDate = null) =>
        new(id, id, date, endDate, null, text, "tester", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    private static ChartData Data(IReadOnlyList<PolicyEvent>? events = null, IReadOnlyList<Annotation>? annotations = null) =>
        new([Series("ERIC", 8, 0.05), Series("NOK", 4, -0.02)], events ?? [], annotations ?? [], LastDay);

    private static double DaysBetween(DateTime a, DateTime b) => (b - a).TotalDays;

    [Theory]
    [InlineData(1, 800, 400)]
    [InlineData(2, 1600, 800)]
    [InlineData(3, 2400, 1200)]
    public void Png_has_the_requested_size_times_the_scale(int scale, int width, int height)
    {
        using var picture = ChartRenderer.Render(Data(), Options with { Scale = scale });

        Assert.Equal((width, height), Png.Size(picture.ToPng()));
    }

    [Fact]
    public void Svg_is_xml_with_an_svg_root()
    {
        using var picture = ChartRenderer.Render(Data(), Options);

        var svg = XDocument.Parse(picture.ToSvg());

        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.NotEmpty(svg.Root.Descendants());
    }

    [Fact]
    public void Layout_spans_the_days_that_have_prices()
    {
        using var picture = ChartRenderer.Render(Data(), Options);
        var layout = picture.Layout;

        Assert.Equal(FirstDay.ToDateTime(TimeOnly.MinValue), layout.XMin);
        Assert.Equal(LastDay.ToDateTime(TimeOnly.MinValue), layout.XMax);
        Assert.InRange(layout.DataRect.Left, 1, 799);
        Assert.InRange(layout.DataRect.Top, 1, 399);
        Assert.InRange(layout.DataRect.Left + layout.DataRect.Width, layout.DataRect.Left + 1, 800);
        Assert.InRange(layout.DataRect.Top + layout.DataRect.Height, layout.DataRect.Top + 1, 400);
        Assert.True(layout.YMax > layout.YMin);
        // Rebased: both series start at 100, so 100 is inside the y range.
        Assert.InRange(100, layout.YMin, layout.YMax);
    }

    [Fact]
    public void Known_date_maps_to_the_pixel_where_scottplot_draws_it()
    {
        var date = new DateOnly(2020, 3, 23);
        using var picture = ChartRenderer.Render(Data(annotations: [Note(7, date, "Lockdown")]), Options);
        picture.ToPng();
        var plot = picture.Plot;
        var box = picture.Layout.DataRect;

        // 21 of the 39 days between the first and the last price lie before the date.
        var expected = box.Left + 21.0 / 39.0 * box.Width;
        var marker = Assert.Single(picture.Layout.Markers);
        Assert.Equal(expected, marker.X, 6);

        var drawn = plot.RenderManager.LastRender.DataRect;
        Assert.Equal(box.Left, drawn.Left, 3);
        Assert.Equal(box.Top, drawn.Top, 3);
        Assert.Equal(box.Width, drawn.Width, 3);
        Assert.Equal(box.Height, drawn.Height, 3);
        var pixel = plot.GetPixel(new Coordinates(date.ToDateTime(TimeOnly.MinValue).ToOADate(), (picture.Layout.YMin + picture.Layout.YMax) / 2));
        Assert.Equal(expected, pixel.X, 2);
    }

    [Fact]
    public void Pixel_maps_back_to_its_date()
    {
        var date = new DateOnly(2020, 3, 23);
        using var picture = ChartRenderer.Render(Data(annotations: [Note(7, date, "Lockdown")]), Options);
        picture.ToPng();
        var layout = picture.Layout;
        var x = Assert.Single(layout.Markers).X;

        // The page's linear mapping: xMin + (x − left) / width · (xMax − xMin).
        var back = layout.XMin!.Value.AddDays((x - layout.DataRect.Left) / layout.DataRect.Width * DaysBetween(layout.XMin.Value, layout.XMax!.Value));
        Assert.Equal(date.ToDateTime(TimeOnly.MinValue), back, TimeSpan.FromMinutes(1));

        var coordinates = picture.Plot.GetCoordinates(new Pixel((float)x, (float)(layout.DataRect.Top + layout.DataRect.Height / 2)));
        Assert.Equal(date.ToDateTime(TimeOnly.MinValue), DateTime.FromOADate(coordinates.X), TimeSpan.FromHours(1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Annotation_line_is_drawn_at_its_marker_column(int scale)
    {
        using var picture = ChartRenderer.Render(Data(annotations: [Note(7, new DateOnly(2020, 3, 23), "Lockdown")]), Options with { Scale = scale });
        using var bitmap = SKBitmap.Decode(picture.ToPng());
        var box = picture.Layout.DataRect;
        var expected = Assert.Single(picture.Layout.Markers).X * scale;

        // The annotation colour (#8B2F00) is reddish brown: strong red, little green, almost no blue.
        static bool Brown(SKColor c) => c.Red > 110 && c.Red - c.Green > 60 && c.Blue < 80;
        var top = (int)((box.Top + box.Height * 0.35) * scale);
        var bottom = (int)((box.Top + box.Height * 0.6) * scale);
        var counts = Enumerable.Range(0, bitmap.Width)
            .Select(x => (X: x, Count: Enumerable.Range(top, bottom - top).Count(y => Brown(bitmap.GetPixel(x, y)))))
            .ToList();
        var best = counts.MaxBy(c => c.Count);

        Assert.True(best.Count > (bottom - top) / 2, $"no column is mostly annotation-coloured (best {best.X}: {best.Count})");
        Assert.InRange(best.X, expected - 1.5 * scale, expected + 1.5 * scale);
    }

    [Fact]
    public void Markers_name_the_event_and_the_annotation()
    {
        var events = new[]
        {
            Event("E31", new DateOnly(2020, 4, 9), category: "market-context"),
            Event("P01", new DateOnly(2020, 3, 9), new DateOnly(2020, 3, 13), category: "us-pressure"),
            Event("OLD", new DateOnly(2018, 5, 1)),
        };
        var annotations = new[] { Note(7, new DateOnly(2020, 3, 23), "Lockdown"), Note(8, new DateOnly(2020, 3, 16), "Week", new DateOnly(2020, 3, 20)) };

        using var picture = ChartRenderer.Render(Data(events, annotations), Options);
        var markers = picture.Layout.Markers;

        Assert.Equal(
            [("annotation", "7", false), ("annotation", "8", true), ("event", "E31", false), ("event", "P01", true)],
            markers.Select(m => (m.Kind, m.Id, m.X2 is not null)).Order());
        var box = picture.Layout.DataRect;
        Assert.All(markers, m => Assert.InRange(m.X, box.Left, box.Left + box.Width));
        var week = markers.Single(m => m.Id == "8");
        // Four of the 39 days: 2020-03-16 to 2020-03-20.
        Assert.Equal(4.0 / 39.0 * box.Width, week.X2!.Value - week.X, 6);
        var e31 = markers.Single(m => m.Id == "E31");
        Assert.True(e31.X > markers.Single(m => m.Id == "7").X);
    }

    [Fact]
    public void Svg_shows_annotation_text_as_text_never_as_markup()
    {
        const string text = "<script>alert(1)</script>";
        using var picture = ChartRenderer.Render(Data(annotations: [Note(7, new DateOnly(2020, 3, 23), text)]), Options);

        var xml = picture.ToSvg();

        Assert.DoesNotContain("<script", xml, StringComparison.OrdinalIgnoreCase);
        var svg = XDocument.Parse(xml);
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName.Equals("script", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(svg.Descendants(), e => e.Nodes().OfType<XText>().Any(t => t.Value.Contains("alert(1)", StringComparison.Ordinal)));
    }

    [Fact]
    public void Empty_data_still_renders()
    {
        var empty = new ChartData([], [], [], null);

        using var picture = ChartRenderer.Render(empty, Options);

        Assert.Equal((800, 400), Png.Size(picture.ToPng()));
        Assert.Equal("svg", XDocument.Parse(picture.ToSvg()).Root!.Name.LocalName);
        Assert.Empty(picture.Layout.Markers);
        Assert.Equal(new DateTime(2020, 1, 1), picture.Layout.XMin);
        Assert.Equal(new DateTime(2020, 6, 30), picture.Layout.XMax);
    }

    /// <summary>
    /// A marker label's box as ScottPlot draws it (11 px DejaVu Sans, a pixel of padding each side), measured here
    /// by ScottPlot itself rather than by the placement's own arithmetic.
    /// </summary>
    private static double DrawnWidth(string text)
    {
        using var paint = Paint.NewDisposablePaint();
        return new LabelStyle { FontName = "DejaVu Sans", FontSize = 11 }.Measure(text, paint).Width + 2;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Labels_never_overlap_in_the_same_row(int seed)
    {
        var random = new Random(seed);
        const double width = 700;
        var labels = Enumerable.Range(0, 40)
            .Select(i => 64 + random.NextDouble() * width)
            .Order()
            .Select((x, i) => new EventLabelPlacement.LabelRequest(x, new string('x', random.Next(3, 30)), $"E{i:00}"))
            .ToList();

        using var measure = new TextMeasure();
        var placement = EventLabelPlacement.Place(labels, width, 3, measure);

        Assert.Equal(labels.Count, placement.Placed.Count);
        Assert.InRange(placement.Rows, 1, 3);
        foreach (var row in placement.Placed.GroupBy(p => p.Row))
        {
            Assert.InRange(row.Key, 0, 2);
            var ordered = row.OrderBy(p => p.X).ToList();
            foreach (var (left, right) in ordered.Zip(ordered.Skip(1)))
            {
                Assert.True(left.X + DrawnWidth(left.Text) <= right.X,
                    $"row {row.Key}: \"{left.Text}\" at {left.X} runs into \"{right.Text}\" at {right.X}");
            }
        }
    }

    [Fact]
    public void Labels_far_apart_share_the_first_row_and_crowded_ones_move_down()
    {
        var labels = new[]
        {
            new EventLabelPlacement.LabelRequest(100, "First", "E1"),
            new EventLabelPlacement.LabelRequest(400, "Second", "E2"),
            new EventLabelPlacement.LabelRequest(405, "Third", "E3"),
        };

        using var measure = new TextMeasure();
        var placement = EventLabelPlacement.Place(labels, 700, 3, measure);

        Assert.Equal([0, 0, 1], placement.Placed.Select(p => p.Row));
        Assert.Equal(["First", "Second", "Third"], placement.Placed.Select(p => p.Text));
        Assert.Equal(2, placement.Rows);
    }

    [Fact]
    public void Label_that_fits_nowhere_is_shortened_to_its_id()
    {
        var labels = new[]
        {
            new EventLabelPlacement.LabelRequest(100, "A label that is long", "E1"),
            new EventLabelPlacement.LabelRequest(110, "Another long label", "E2"),
        };

        using var measure = new TextMeasure();
        var placement = EventLabelPlacement.Place(labels, 700, 1, measure);

        Assert.Equal("A label that is long", placement.Placed[0].Text);
        Assert.Equal("E2", placement.Placed[1].Text);
        Assert.True(placement.Placed[0].X + DrawnWidth(placement.Placed[0].Text) <= placement.Placed[1].X);
    }
}
