using MarketContext.Web.Features.Events;
using MarketContext.Web.Rendering;
using ScottPlot;
using SkiaSharp;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// The lines, bands and labels of a crowded chart's events, drawn in one pass at their pixels with one font: a plottable
/// per event or label costs more than the rest of the picture once a year holds a thousand of them. Each group of events
/// that shares a marker draws one line, so the lines drawn grow with the picture's width, not with the events.
/// </summary>
internal sealed class EventMarksPlot(IReadOnlyList<EventMarksPlot.Mark> marks, IReadOnlyList<EventMarksPlot.Label> labels, PixelBox dataRect) : IPlottable
{
    internal sealed record Mark(double X, double? X2, string Color, float Width, double Opacity);

    /// <summary>A label's box from (<c>X</c>, <c>Top</c>), as wide as the text measured with its padding.</summary>
    internal sealed record Label(string Text, double X, double Top, double Width, string Color);

    /// <summary>The colour of a line that stands for events of several categories, named so in the legend.</summary>
    internal static readonly EventCategory Mixed = new("mixed", "Several categories", "#6B7280");

    internal IReadOnlyList<Mark> Marks => marks;

    /// <summary>Whether the group's dated events (not its periods) are of more than one category.</summary>
    internal static bool MixesCategories(EventMarkGroups.Group group) =>
        group.Members.Where(m => m.End is null).Select(m => m.Event.Category).Distinct().Skip(1).Any();

    /// <summary>
    /// One line for the group's dated events, at the first of them, in their category's colour or <see cref="Mixed"/>;
    /// its periods' bands once per span of pixels and category, as bands overlap rather than crowd.
    /// </summary>
    internal static IEnumerable<Mark> Of(EventMarkGroups.Group group, Func<DateOnly, double> pixelX, Func<string, EventCategory> categoryOf, ISet<(int, int, string)> bands)
    {
        var dated = group.Members.Where(m => m.End is null).ToList();
        if (dated.Count > 0)
        {
            var color = MixesCategories(group) ? Mixed.Color : categoryOf(dated[0].Event.Category).Color;
            var companySpecific = dated.All(m => m.Event.IsCompanySpecific);
            yield return new Mark(dated[0].X, null, color, companySpecific ? 1.0f : 1.4f, companySpecific ? 0.55 : 0.85);
        }
        foreach (var period in group.Members.Where(m => m.End is not null))
        {
            var x2 = pixelX(period.End!.Value);
            if (bands.Add(((int)period.X, (int)x2, period.Event.Category)))
            {
                yield return new Mark(period.X, x2, categoryOf(period.Event.Category).Color, 1.4f, 0.07);
            }
        }
    }

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
            paint.IsAntialias = true;
            if (mark.X2 is { } x2)
            {
                paint.Style = SKPaintStyle.Fill;
                canvas.DrawRect(new SKRect((float)mark.X, top, (float)x2, bottom), paint);
            }
            else
            {
                // Upright lines on whole pixels need no smoothing, and a thousand of them draw several times faster without it.
                paint.IsAntialias = false;
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = mark.Width;
                canvas.DrawLine((float)mark.X, top, (float)mark.X, bottom, paint);
            }
        }
        using var font = new SKFont(Fonts.GetTypeface(Fonts.Default, bold: false, italic: false), EventLabelPlacement.LabelFontSize)
        {
            Subpixel = true,
            Hinting = SKFontHinting.None,
            Edging = SKFontEdging.Antialias,
        };
        var height = (float)EventLabelPlacement.LabelRowHeight - 1;
        paint.Style = SKPaintStyle.Fill;
        paint.IsAntialias = true;
        foreach (var label in labels)
        {
            paint.Color = SKColors.White.WithAlpha(204);
            canvas.DrawRect(new SKRect((float)label.X, (float)label.Top, (float)(label.X + label.Width), (float)label.Top + height), paint);
            paint.Color = SKColor.Parse(label.Color);
            canvas.DrawText(label.Text, (float)label.X + 1, (float)label.Top + 1 - font.Metrics.Ascent, SKTextAlign.Left, font, paint);
        }
    }
}
