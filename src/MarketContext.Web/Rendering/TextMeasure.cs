using ScottPlot;

namespace MarketContext.Web.Rendering;

/// <summary>
/// Widths of text as ScottPlot draws it in the pictures' font. One instance per render: each distinct text and size
/// is measured once, however often the layout asks.
/// </summary>
public sealed class TextMeasure : IDisposable
{
    private readonly Paint _paint = Paint.NewDisposablePaint();
    private readonly Dictionary<(string Text, float Size, bool Bold), double> _widths = [];

    /// <summary>The width in pixels of <paramref name="text"/> on one line at <paramref name="fontSize"/>.</summary>
    public double Width(string text, float fontSize, bool bold = false)
    {
        if (!_widths.TryGetValue((text, fontSize, bold), out var width))
        {
            var style = new LabelStyle { FontName = PictureFonts.Family, FontSize = fontSize, Bold = bold };
            width = style.Measure(text, _paint).Width;
            _widths[(text, fontSize, bold)] = width;
        }
        return width;
    }

    public void Dispose() => _paint.Dispose();
}
