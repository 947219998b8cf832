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

    private static readonly DateOnly First = new(2020, 1, 2);

    private static ChartSeries Wave(string symbol, double start, double step, bool benchmark = false)
    {
        var dates = Days().ToArray();
        return new ChartSeries(symbol, symbol, dates, [.. dates.Select((_, i) => start + Math.Sin(i / 9.0) * step)], benchmark);
    }

    private static IEnumerable<DateOnly> Days() =>
        Enumerable.Range(0, 250).Select(First.AddDays).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    [Fact]
    public void A_dark_picture_draws_its_lines_at_3_to_1_and_its_text_at_4_5_to_1_against_its_background()
    {
        (string Symbol, double Start, double Step, bool Benchmark)[] waves = [("ERIC", 8, 0.8, false), ("NOK", 5, 0.6, false), ("QQQ", 170, 12, true)];
        var data = new ChartData([.. waves.Select(w => Wave(w.Symbol, w.Start, w.Step, w.Benchmark))], [], [], null);
        using var picture = ChartRenderer.Render(data, Options with { Theme = ChartTheme.Dark });
        using var bitmap = SKBitmap.Decode(picture.ToPng());
        var background = bitmap.GetPixel(2, 2);
        Assert.True(PixelContrast.Ratio(background, SKColors.White) > 10, $"The dark picture's background {background} is not dark.");

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
                var line = PixelContrast.Strongest(bitmap, x, y, 2, background);
                Assert.True(PixelContrast.Ratio(line, background) >= 3, $"{symbol}'s line on day {i} ({line}) has {PixelContrast.Ratio(line, background):F2}:1 against {background}.");
            }
        }
        var title = PixelContrast.Strongest(bitmap, bitmap.Width / 2.0, 14, 12, background);
        Assert.True(PixelContrast.Ratio(title, background) >= 4.5, $"The title ({title}) has {PixelContrast.Ratio(title, background):F2}:1 against {background}.");
        var ticks = PixelContrast.Strongest(bitmap, box.Left - 24, box.Top + box.Height / 2, 20, background);
        Assert.True(PixelContrast.Ratio(ticks, background) >= 4.5, $"The tick labels ({ticks}) have {PixelContrast.Ratio(ticks, background):F2}:1 against {background}.");
    }
}
