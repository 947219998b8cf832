using MarketContext.Web.Rendering;
using ScottPlot;
using SkiaSharp;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// Draws annotation marks at the pixels <see cref="AnnotationOverlay"/> gave them, so a download shows them exactly where
/// the page's overlay does: lines, bands, and labels on their backgrounds.
/// </summary>
internal sealed class AnnotationMarksPlot(IReadOnlyList<AnnotationMark> marks) : IPlottable
{
    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => [];

    public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

    public void Render(RenderPack rp)
    {
        var canvas = rp.Canvas;
        using var paint = new SKPaint { IsAntialias = true };
        foreach (var mark in marks)
        {
            var color = SKColor.Parse(mark.Color);
            if (mark.X2 is { } x2)
            {
                var band = new SKRect((float)mark.X, (float)mark.Top, (float)x2, (float)(mark.Top + mark.Height));
                paint.Style = SKPaintStyle.Fill;
                paint.Color = color.WithAlpha(Alpha(mark.FillOpacity));
                canvas.DrawRect(band, paint);
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = (float)mark.LineWidth;
                paint.Color = color.WithAlpha(Alpha(mark.LineOpacity));
                canvas.DrawRect(band, paint);
            }
            else
            {
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = (float)mark.LineWidth;
                paint.Color = color.WithAlpha(Alpha(mark.LineOpacity));
                canvas.DrawLine((float)mark.X, (float)mark.Top, (float)mark.X, (float)(mark.Top + mark.Height), paint);
            }
        }
        // Labels over every line and band, as the page's overlay stacks them.
        foreach (var (mark, label) in marks.Where(m => m.Label is not null).Select(m => (m, m.Label!)))
        {
            paint.Style = SKPaintStyle.Fill;
            paint.Color = SKColor.Parse(label.Background).WithAlpha(Alpha(label.BackgroundOpacity));
            canvas.DrawRect(new SKRect((float)label.X, (float)label.Y, (float)(label.X + label.Width), (float)(label.Y + label.Height)), paint);
            paint.Color = SKColor.Parse(mark.Color);
            // Unhinted, subpixel-positioned glyphs: the advances ScottPlot measured the box with (and a browser's).
            using var font = new SKFont(Fonts.GetTypeface(label.FontFamily, bold: false, italic: false), (float)label.FontSize)
            {
                Subpixel = true,
                Hinting = SKFontHinting.None,
                Edging = SKFontEdging.Antialias,
            };
            canvas.DrawText(label.Text, (float)label.TextX, (float)label.Baseline, SKTextAlign.Left, font, paint);
        }
    }

    private static byte Alpha(double opacity) => (byte)Math.Round(Math.Clamp(opacity, 0, 1) * 255);
}
