using MarketContext.Web.Rendering;
using ScottPlot;
using SkiaSharp;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// The lines and bands of a crowded chart's events, drawn in one pass at their pixels: a plottable per event costs more
/// than the rest of the picture once a year holds a thousand of them.
/// </summary>
internal sealed class EventMarksPlot(IReadOnlyList<EventMarksPlot.Mark> marks, PixelBox dataRect) : IPlottable
{
    internal sealed record Mark(double X, double? X2, string Color, float Width, double Opacity);

    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => [];

    public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

    public void Render(RenderPack rp)
    {
        var canvas = rp.Canvas;
        using var paint = new SKPaint { IsAntialias = true };
        var (top, bottom) = ((float)dataRect.Top, (float)(dataRect.Top + dataRect.Height));
        foreach (var mark in marks)
        {
            var color = SKColor.Parse(mark.Color).WithAlpha((byte)Math.Round(Math.Clamp(mark.Opacity, 0, 1) * 255));
            paint.Color = color;
            if (mark.X2 is { } x2)
            {
                paint.Style = SKPaintStyle.Fill;
                canvas.DrawRect(new SKRect((float)mark.X, top, (float)x2, bottom), paint);
            }
            else
            {
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = mark.Width;
                canvas.DrawLine((float)mark.X, top, (float)mark.X, bottom, paint);
            }
        }
    }
}
