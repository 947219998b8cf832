using MarketContext.Web.Features.Charts;
using MarketContext.Web.Rendering;
using SkiaSharp;

namespace MarketContext.Tests.Features.Charts;

/// <summary>
/// The dark picture read back from its PNG pixels: its background, its series lines and its text, and the contrast
/// between them (WCAG 1.4.11: 3:1 for lines and markers; 1.4.3: 4.5:1 for text).
/// </summary>
public sealed class DarkPictureTests
{
    private static readonly ChartOptions Options = new(new DateOnly(2020, 1, 1), new DateOnly(2020, 6, 30), ChartMode.Rebased, false, 800, 400);

    /// <summary>The WCAG 2.2 contrast ratio of two opaque colours, from their relative luminance.</summary>
    private static double Contrast(SKColor a, SKColor b)
    {
        static double Channel(byte c) => c / 255.0 <= 0.04045 ? c / 255.0 / 12.92 : Math.Pow((c / 255.0 + 0.055) / 1.055, 2.4);
        static double Luminance(SKColor c) => 0.2126 * Channel(c.Red) + 0.7152 * Channel(c.Green) + 0.0722 * Channel(c.Blue);
        var (l1, l2) = (Luminance(a), Luminance(b));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }

    private static readonly DateOnly First = new(2020, 1, 2);

    private static ChartSeries Wave(string symbol, double start, double step, bool benchmark = false)
    {
        var dates = Days().ToArray();
        return new ChartSeries(symbol, symbol, dates, [.. dates.Select((_, i) => start + Math.Sin(i / 9.0) * step)], benchmark);
    }

    private static IEnumerable<DateOnly> Days() =>
        Enumerable.Range(0, 250).Select(First.AddDays).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>The pixel standing out most from the background within a square around a point.</summary>
    private static SKColor Strongest(SKBitmap bitmap, double x, double y, int radius, SKColor background)
    {
        var best = background;
        for (var py = (int)y - radius; py <= (int)y + radius; py++)
        {
            for (var px = (int)x - radius; px <= (int)x + radius; px++)
            {
                var pixel = bitmap.GetPixel(Math.Clamp(px, 0, bitmap.Width - 1), Math.Clamp(py, 0, bitmap.Height - 1));
                if (Contrast(pixel, background) > Contrast(best, background))
                {
                    best = pixel;
                }
            }
        }
        return best;
    }

    [Fact]
    public void A_dark_picture_draws_its_lines_at_3_to_1_and_its_text_at_4_5_to_1_against_its_background()
    {
        (string Symbol, double Start, double Step, bool Benchmark)[] waves = [("ERIC", 8, 0.8, false), ("NOK", 5, 0.6, false), ("QQQ", 170, 12, true)];
        var data = new ChartData([.. waves.Select(w => Wave(w.Symbol, w.Start, w.Step, w.Benchmark))], [], [], null);
        using var picture = ChartRenderer.Render(data, Options with { Theme = ChartTheme.Dark });
        using var bitmap = SKBitmap.Decode(picture.ToPng());
        var background = bitmap.GetPixel(2, 2);
        Assert.True(Contrast(background, SKColors.White) > 10, $"The dark picture's background {background} is not dark.");

        var (box, layout) = (picture.Layout.DataRect, picture.Layout);
        var (xMin, xMax) = (layout.XMin!.Value, layout.XMax!.Value);
        var days = Days().ToList();
        foreach (var (symbol, start, step, _) in waves)
        {
            // Rebased to 100 at the first day: 100·(start + sin(i/9)·step)/start; sampled where the wave is steepest and flattest.
            foreach (var i in new[] { 20, 50, 80, 110 })
            {
                var x = box.Left + (days[i].ToDateTime(TimeOnly.MinValue) - xMin) / (xMax - xMin) * box.Width;
                var y = box.Top + (layout.YMax - 100 * (start + Math.Sin(i / 9.0) * step) / start) / (layout.YMax - layout.YMin) * box.Height;
                var line = Strongest(bitmap, x, y, 2, background);
                Assert.True(Contrast(line, background) >= 3, $"{symbol}'s line on day {i} ({line}) has {Contrast(line, background):F2}:1 against {background}.");
            }
        }
        var title = Strongest(bitmap, bitmap.Width / 2.0, 14, 12, background);
        Assert.True(Contrast(title, background) >= 4.5, $"The title ({title}) has {Contrast(title, background):F2}:1 against {background}.");
        var ticks = Strongest(bitmap, box.Left - 24, box.Top + box.Height / 2, 20, background);
        Assert.True(Contrast(ticks, background) >= 4.5, $"The tick labels ({ticks}) have {Contrast(ticks, background):F2}:1 against {background}.");
    }
}
