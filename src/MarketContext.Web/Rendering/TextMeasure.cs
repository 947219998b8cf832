using System.Collections.Concurrent;
using ScottPlot;

namespace MarketContext.Web.Rendering;

/// <summary>
/// Widths of text as ScottPlot draws it in the pictures' font. Each distinct text and size is measured once and
/// remembered for later renders too: the event labels are the same on every chart, and measuring them again on
/// each request would cost the full-history chart a good part of its drawing time.
/// </summary>
public sealed class TextMeasure : IDisposable
{
    // A few thousand short strings at most (labels, titles, captions); cleared rather than grown past that.
    private const int MaxRemembered = 4096;
    private static readonly ConcurrentDictionary<(string Text, float Size, bool Bold), double> Widths = new();

    private Paint? _paint;

    /// <summary>The width in pixels of <paramref name="text"/> on one line at <paramref name="fontSize"/>.</summary>
    public double Width(string text, float fontSize, bool bold = false)
    {
        if (Widths.TryGetValue((text, fontSize, bold), out var width))
        {
            return width;
        }
        _paint ??= Paint.NewDisposablePaint();
        var style = new LabelStyle { FontName = PictureFonts.Family, FontSize = fontSize, Bold = bold };
        width = style.Measure(text, _paint).Width;
        if (Widths.Count >= MaxRemembered)
        {
            Widths.Clear();
        }
        Widths[(text, fontSize, bold)] = width;
        return width;
    }

    /// <summary>How far the font's tallest glyphs rise above the baseline at <paramref name="fontSize"/>.</summary>
    public static double Ascent(float fontSize)
    {
        using var font = new SkiaSharp.SKFont(Fonts.GetTypeface(PictureFonts.Family, bold: false, italic: false), fontSize);
        return -font.Metrics.Ascent;
    }

    public void Dispose() => _paint?.Dispose();
}
