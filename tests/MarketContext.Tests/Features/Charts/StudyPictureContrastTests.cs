using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.EventStudy.Aggregate;
using MarketContext.Web.Features.EventStudy.Battery;
using MarketContext.Web.Rendering;
using SkiaSharp;

namespace MarketContext.Tests.Features.Charts;

/// <summary>
/// The study's chart, the study across events and the annotation marks, read back from their PNG pixels in both
/// themes: their lines stand out 3:1 from the background (WCAG 1.4.11) and their text 4.5:1 (1.4.3).
/// </summary>
public sealed class StudyPictureContrastTests
{
    private static readonly ImageSize Size = new(900, 450, 1);
    private static readonly double[] Cars = [0, 0.004, 0.011, 0.007, 0.015, 0.03, 0.026, 0.021, 0.033, 0.028, 0.035];

    public static TheoryData<ChartTheme> Themes => new() { ChartTheme.Light, ChartTheme.Dark };

    private static EventStudyResponse Study()
    {
        var day0 = new DateOnly(2020, 2, 13);
        var rows = Cars.Select((car, i) => new EventStudyRow(i - 5, day0.AddDays(i - 5), 0, 0, 0, 0, car)).ToList();
        return new EventStudyResponse("ERIC", "QQQ", "E25", day0, day0, 0.0001, 1.1, 0.004, 120, rows, Cars[^1], 2.5, 0.013, 5, 5, "simple", []);
    }

    private static AggregateResponse Aggregate()
    {
        AggregateSample Sample(string name, double scale) => new(name, 3, [],
            [.. Cars.Select((car, i) => new AggregateDay(i - 5, 0, car * scale, null, new Dictionary<string, TestValue>()))],
            Cars[^1] * scale, new Dictionary<string, TestValue>(), [], null, null, null);
        return new AggregateResponse("QQQ", 5, 5, 120, 10, "simple", [Sample("ERIC", 1), Sample("pooled", -1)]);
    }

    /// <summary>Checks each point's line (its marker at that day) at 3:1, then the title and the y tick labels at 4.5:1.</summary>
    private static void AssertContrast(ChartPicture picture, IReadOnlyList<(double Day, double Percent)> points, ChartTheme theme)
    {
        using var bitmap = SKBitmap.Decode(picture.ToPng());
        var background = bitmap.GetPixel(2, 2);
        Assert.Equal(theme == ChartTheme.Dark, PixelContrast.Ratio(background, SKColors.White) > 10);
        var (box, layout) = (picture.Layout.DataRect, picture.Layout);
        // The days run from the first to the last with 0.7 of a day's margin on each side.
        var (first, last) = (points[0].Day - 0.7, points[^1].Day + 0.7);
        foreach (var (day, percent) in points)
        {
            var x = box.Left + (day - first) / (last - first) * box.Width;
            var y = box.Top + (layout.YMax - percent) / (layout.YMax - layout.YMin) * box.Height;
            var line = PixelContrast.Strongest(bitmap, x, y, 2, background);
            Assert.True(PixelContrast.Ratio(line, background) >= 3, $"{theme}: the line at day {day} ({line}) has {PixelContrast.Ratio(line, background):F2}:1 against {background}.");
        }
        var title = PixelContrast.Strongest(bitmap, bitmap.Width / 2.0, 20, 12, background);
        Assert.True(PixelContrast.Ratio(title, background) >= 4.5, $"{theme}: the title ({title}) has {PixelContrast.Ratio(title, background):F2}:1 against {background}.");
        var ticks = PixelContrast.Strongest(bitmap, box.Left - 24, box.Top + box.Height / 2, 20, background);
        Assert.True(PixelContrast.Ratio(ticks, background) >= 4.5, $"{theme}: the tick labels ({ticks}) have {PixelContrast.Ratio(ticks, background):F2}:1 against {background}.");
    }

    [Theory]
    [MemberData(nameof(Themes))]
    public void The_study_chart_draws_its_car_line_and_its_text_at_the_contrast_wcag_asks(ChartTheme theme)
    {
        using var picture = CarChartRenderer.Render(Study(), "E25 test", Size, theme);

        AssertContrast(picture, [.. Cars.Select((car, i) => ((double)(i - 5), car * 100))], theme);
    }

    [Theory]
    [MemberData(nameof(Themes))]
    public void The_study_across_events_draws_every_caar_line_and_its_text_at_the_contrast_wcag_asks(ChartTheme theme)
    {
        using var picture = AggregateChartRenderer.Render(Aggregate(), "test events", Size, theme);

        AssertContrast(picture, [.. Cars.Select((car, i) => ((double)(i - 5), car * 100))], theme);
        AssertContrast(picture, [.. Cars.Select((car, i) => ((double)(i - 5), -car * 100))], theme);
    }

    [Theory]
    [MemberData(nameof(Themes))]
    public void Annotation_marks_and_their_labels_stand_out_in_either_theme(ChartTheme theme)
    {
        var dates = Enumerable.Range(0, 180).Select(new DateOnly(2020, 1, 1).AddDays).ToArray();
        var series = new ChartSeries("ERIC", "ERIC", dates, [.. dates.Select((_, i) => 8 + Math.Sin(i / 9.0))]);
        var at = new DateTime(2020, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        Annotation[] notes = [new(1, 1, new DateOnly(2020, 3, 2), null, null, "Line note", "ann", at, at), new(2, 2, new DateOnly(2020, 4, 15), null, null, "Another note", "ann", at, at)];
        var options = new ChartOptions(dates[0], dates[^1], ChartMode.Rebased, false, 900, 450, Theme: theme);

        using var picture = ChartRenderer.Render(new ChartData([series], [], notes, null), options);
        using var bitmap = SKBitmap.Decode(picture.ToPng());
        var background = bitmap.GetPixel(2, 2);

        Assert.Equal(2, picture.Layout.Annotations!.Count);
        foreach (var mark in picture.Layout.Annotations!)
        {
            // Below the label band, where the line crosses the plot's background.
            var line = PixelContrast.Strongest(bitmap, mark.X, mark.Top + mark.Height * 0.6, 1, background);
            Assert.True(PixelContrast.Ratio(line, background) >= 3, $"{theme}: annotation {mark.Id}'s line ({line}) has {PixelContrast.Ratio(line, background):F2}:1 against {background}.");
            var label = mark.Label!;
            var labelBackground = bitmap.GetPixel((int)(label.X + label.Width) - 1, (int)label.Y + 1);
            var text = PixelContrast.Strongest(bitmap, label.TextX + label.Width / 2, label.Y + label.Height / 2, (int)(label.Height / 2) - 1, labelBackground);
            Assert.True(PixelContrast.Ratio(text, labelBackground) >= 4.5, $"{theme}: annotation {mark.Id}'s label ({text}) has {PixelContrast.Ratio(text, labelBackground):F2}:1 against {labelBackground}.");
        }
    }
}
