using SkiaSharp;

namespace MarketContext.Tests.Features.Charts;

/// <summary>Contrast read on a picture's pixels, as WCAG 2.2 defines it (1.4.3 for text, 1.4.11 for lines and marks).</summary>
internal static class PixelContrast
{
    /// <summary>The contrast ratio of two opaque colours, from their relative luminance.</summary>
    public static double Ratio(SKColor a, SKColor b)
    {
        static double Channel(byte c) => c / 255.0 <= 0.04045 ? c / 255.0 / 12.92 : Math.Pow((c / 255.0 + 0.055) / 1.055, 2.4);
        static double Luminance(SKColor c) => 0.2126 * Channel(c.Red) + 0.7152 * Channel(c.Green) + 0.0722 * Channel(c.Blue);
        var (l1, l2) = (Luminance(a), Luminance(b));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }

    /// <summary>The pixel standing out most from the background within a square around a point.</summary>
    public static SKColor Strongest(SKBitmap bitmap, double x, double y, int radius, SKColor background)
    {
        var best = background;
        for (var py = (int)y - radius; py <= (int)y + radius; py++)
        {
            for (var px = (int)x - radius; px <= (int)x + radius; px++)
            {
                var pixel = bitmap.GetPixel(Math.Clamp(px, 0, bitmap.Width - 1), Math.Clamp(py, 0, bitmap.Height - 1));
                if (Ratio(pixel, background) > Ratio(best, background))
                {
                    best = pixel;
                }
            }
        }
        return best;
    }
}
