using System.Globalization;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Rendering;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// Where a time chart's annotations go, decided once for both the downloads (the renderer draws these marks) and the
/// page (which draws the same marks over a picture without them). Pure: a frame and the annotations in, marks out;
/// label widths are measured as the pictures' font draws them.
/// </summary>
public static class AnnotationOverlay
{
    internal const int MaxLabelLength = 28;
    private const double LabelPadding = 1;
    private const double BandFillOpacity = 0.10, BandLineOpacity = 0.6, BandLineWidth = 1;
    private const double LineOpacity = 0.9, LineWidth = 1.6;
    private const double LabelBackgroundOpacity = 0.8;

    /// <summary>What placement needs of a picture: its data area, the dates at its edges and its annotation label band.</summary>
    public sealed record Frame(PixelBox DataRect, DateOnly From, DateOnly To, double LabelBottom, int LabelRows)
    {
        /// <summary>The frame of a drawn time chart, from its layout; null for the event-time view.</summary>
        public static Frame? Of(ChartLayout layout) =>
            layout is { XMin: { } min, XMax: { } max, AnnotationLabelBottom: { } bottom, AnnotationLabelRows: { } rows }
                ? new Frame(layout.DataRect, DateOnly.FromDateTime(min), DateOnly.FromDateTime(max), bottom, rows)
                : null;

        public double PixelX(DateOnly date)
        {
            var clamped = date < From ? From : date > To ? To : date;
            return DataRect.Left + (ChartRenderer.Oa(clamped) - ChartRenderer.Oa(From)) / (ChartRenderer.Oa(To) - ChartRenderer.Oa(From)) * DataRect.Width;
        }
    }

    /// <summary>The annotations within the frame, in date order, each as drawn.</summary>
    public static IReadOnlyList<AnnotationMark> Place(Frame frame, IEnumerable<Annotation> annotations, TextMeasure measure)
    {
        var shown = annotations
            .Where(a => a.Date <= frame.To && (a.EndDate ?? a.Date) >= frame.From)
            .OrderBy(a => a.Date).ThenBy(a => a.Id)
            .ToList();
        var labels = EventLabelPlacement.Place(
            [.. shown.Select(a => new EventLabelPlacement.LabelRequest(frame.PixelX(a.Date), Shorten(a.Text), $"A{a.Id}"))],
            frame.DataRect.Width, frame.LabelRows, measure);
        var ascent = TextMeasure.Ascent(EventLabelPlacement.LabelFontSize);
        var rect = frame.DataRect;
        return [.. shown.Zip(labels.Placed, (a, label) =>
        {
            var id = a.Id.ToString(CultureInfo.InvariantCulture);
            var x = frame.PixelX(a.Date);
            var isBand = a.EndDate is { } end && end > a.Date;
            return new AnnotationMark(id, x, isBand ? frame.PixelX(a.EndDate!.Value) : null, rect.Top, rect.Height, ChartColors.Annotation,
                isBand ? BandLineWidth : LineWidth, isBand ? BandLineOpacity : LineOpacity, isBand ? BandFillOpacity : 0,
                Label(label, frame, measure, ascent));
        })];
    }

    /// <summary>The marks in a theme's colours: the page's overlay and a download draw them alike on a dark picture.</summary>
    public static IReadOnlyList<AnnotationMark> InTheme(IReadOnlyList<AnnotationMark> marks, ChartTheme theme) =>
        theme == ChartTheme.Light ? marks : [.. marks.Select(m => m with
        {
            Color = ChartThemes.Hex(m.Color, theme),
            Label = m.Label is { } label ? label with { Background = ChartThemes.Hex(label.Background, theme) } : null,
        })];

    private static AnnotationLabel? Label(EventLabelPlacement.PlacedLabel label, Frame frame, TextMeasure measure, double ascent)
    {
        if (label.Row < 0 || label.Text.Length == 0)
        {
            return null;
        }
        var top = frame.LabelBottom - (label.Row + 1) * EventLabelPlacement.LabelRowHeight;
        return new AnnotationLabel(label.Text, label.X, top, EventLabelPlacement.TextWidth(measure, label.Text), EventLabelPlacement.LabelRowHeight - 1,
            label.X + LabelPadding, top + LabelPadding + ascent, PictureFonts.Family, EventLabelPlacement.LabelFontSize,
            ChartColors.LabelBackground, LabelBackgroundOpacity);
    }

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= MaxLabelLength ? oneLine : oneLine[..(MaxLabelLength - 1)] + "…";
    }
}
