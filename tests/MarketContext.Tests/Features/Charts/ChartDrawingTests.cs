using System.Xml.Linq;
using MarketContext.TestSupport;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Rendering;
using SkiaSharp;

namespace MarketContext.Tests.Features.Charts;

/// <summary>What a chart draws, read back from its pixels and its SVG text: not only that a picture came out.</summary>
public sealed class ChartDrawingTests
{
    private static readonly DateOnly FirstDay = new(2020, 3, 2);
    private static readonly ChartOptions Options = new(new DateOnly(2020, 1, 1), new DateOnly(2020, 6, 30), ChartMode.Rebased, false, 800, 400);

    // The palette's first two series colours, in the order the series are given.
    private static readonly SKColor Ericsson = SKColor.Parse("#1F2937"), Nokia = SKColor.Parse("#7C3AED");

    /// <summary>Monday 2020-03-02 on, 30 weekdays: close = start + i·step on the i-th.</summary>
    private static ChartSeries Series(string symbol, double start, double step)
    {
        var dates = Enumerable.Range(0, 42).Select(FirstDay.AddDays).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Take(30).ToArray();
        return new ChartSeries(symbol, symbol, dates, [.. dates.Select((_, i) => start + i * step)]);
    }

    private static bool Near(SKBitmap bitmap, double x, double y, double radius, SKColor colour) =>
        Pixels(bitmap, x - radius, y - radius, x + radius, y + radius).Any(c => Close(c, colour));

    private static IEnumerable<SKColor> Pixels(SKBitmap bitmap, double left, double top, double right, double bottom)
    {
        for (var y = (int)Math.Max(0, top); y <= (int)Math.Min(bitmap.Height - 1, bottom); y++)
        {
            for (var x = (int)Math.Max(0, left); x <= (int)Math.Min(bitmap.Width - 1, right); x++)
            {
                yield return bitmap.GetPixel(x, y);
            }
        }
    }

    private static bool Close(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) < 40;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Each_series_is_drawn_in_its_colour_where_the_axes_put_its_rebased_values(int scale)
    {
        var data = new ChartData([Series("ERIC", 8, 0.05), Series("NOK", 4, -0.02)], [], [], null);
        using var picture = ChartRenderer.Render(data, Options with { Scale = scale });
        using var bitmap = SKBitmap.Decode(picture.ToPng());
        var (box, layout) = (picture.Layout.DataRect, picture.Layout);
        double X(int dayOffset) => (box.Left + dayOffset / 39.0 * box.Width) * scale;
        double Y(double value) => (box.Top + (layout.YMax - value) / (layout.YMax - layout.YMin) * box.Height) * scale;

        // Rebased to 100 on the first day: ERIC 100·(8 + 0.05·i)/8 = 100 + 0.625·i, NOK 100·(4 − 0.02·i)/4 = 100 − 0.5·i.
        // Day i = 5 is Monday 2020-03-09, 7 of the 39 calendar days from the first price to the last (i = 29, 2020-04-10);
        // i = 15 is Monday 2020-03-23, 21 days in. (On day 0 both are at 100 and NOK, drawn last, covers ERIC.)
        Assert.True(Near(bitmap, X(7), Y(103.125), 2.5 * scale, Ericsson), "ERIC is not at 103.125 on 2020-03-09");
        Assert.True(Near(bitmap, X(21), Y(109.375), 2.5 * scale, Ericsson), "ERIC is not at 109.375 on 2020-03-23");
        Assert.True(Near(bitmap, X(39), Y(118.125), 2.5 * scale, Ericsson), "ERIC does not end at 118.125");
        Assert.True(Near(bitmap, X(7), Y(97.5), 2.5 * scale, Nokia), "NOK is not at 97.5 on 2020-03-09");
        Assert.True(Near(bitmap, X(21), Y(92.5), 2.5 * scale, Nokia), "NOK is not at 92.5 on 2020-03-23");
        Assert.True(Near(bitmap, X(39), Y(85.5), 2.5 * scale, Nokia), "NOK does not end at 85.5");
        // And not where the other one is.
        Assert.False(Near(bitmap, X(21), Y(92.5), 2.5 * scale, Ericsson), "ERIC's colour where NOK is");
        Assert.False(Near(bitmap, X(21), Y(109.375), 2.5 * scale, Nokia), "NOK's colour where ERIC is");
    }

    public static TheoryData<string> Empty => ["no series", "a series without rows"];

    [Theory]
    [MemberData(nameof(Empty))]
    public void A_chart_without_prices_draws_no_line_and_says_why(string what)
    {
        var data = what == "no series" ? new ChartData([], [], [], null) : new ChartData([new ChartSeries("ERIC", "Ericsson", [], [])], [], [], null);

        using var picture = ChartRenderer.Render(data, Options with { Log = what != "no series" });
        using var bitmap = SKBitmap.Decode(picture.ToPng());
        var box = picture.Layout.DataRect;
        var texts = XDocument.Parse(picture.ToSvg()).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();

        Assert.Equal((800, 400), Png.Size(picture.ToPng()));
        Assert.Contains(texts, t => t.StartsWith("No prices in this range", StringComparison.Ordinal));
        Assert.DoesNotContain(Pixels(bitmap, box.Left + 2, box.Top + 2, box.Left + box.Width - 2, box.Top + box.Height - 2), c => Close(c, Ericsson) || Close(c, Nokia));
        Assert.Empty(picture.Layout.Markers);
    }
}
