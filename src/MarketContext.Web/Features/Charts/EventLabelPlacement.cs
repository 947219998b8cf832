using MarketContext.Web.Rendering;
using ScottPlot;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// The labels of event and annotation markers, in rows above (events) or below (annotations) the data, placed by
/// the width ScottPlot will draw them at so that no two in a row touch.
/// </summary>
public static class EventLabelPlacement
{
    internal const float LabelFontSize = 11;
    internal const double LabelRowHeight = 16;
    private const float LabelPadding = 1;

    internal sealed record LabelRequest(double X, string Text, string ShortText);

    internal sealed record PlacedLabel(string Text, int Row, double X);

    internal sealed record LabelPlacement(IReadOnlyList<PlacedLabel> Placed, int Rows);

    /// <summary>
    /// Puts each label in the first row where it does not touch its neighbour; a label that fits nowhere is
    /// shortened to its id (the tooltip and the table give the full text). With <paramref name="thin"/>, a label that does not
    /// fit even so is left out rather than pushed away from its line: among thousands of events only legible labels help.
    /// </summary>
    internal static LabelPlacement Place(IReadOnlyList<LabelRequest> labels, double dataWidth, int maxRows, TextMeasure measure, bool thin = false)
    {
        if (labels.Count == 0 || maxRows == 0)
        {
            return new LabelPlacement([.. labels.Select(l => new PlacedLabel("", -1, l.X))], 0);
        }
        var rowEnds = Enumerable.Repeat(double.NegativeInfinity, maxRows).ToArray();
        var placed = new List<PlacedLabel>();
        var right = ChartRenderer.Padding.Left + dataWidth;
        foreach (var label in labels)
        {
            var slot = Fit(label.Text) ?? Fit(label.ShortText) ?? (thin ? null : LeastCrowded(label.ShortText));
            if (slot is null)
            {
                placed.Add(new PlacedLabel("", -1, label.X));
                continue;
            }
            placed.Add(slot);
            rowEnds[slot.Row] = Math.Max(rowEnds[slot.Row], slot.X + TextWidth(measure, slot.Text));

            PlacedLabel? Fit(string text)
            {
                // Near the right edge a label runs leftwards from its line instead of off the picture.
                var x = label.X + TextWidth(measure, text) > right ? label.X - TextWidth(measure, text) - 2 : label.X + 3;
                for (var row = 0; row < maxRows; row++)
                {
                    if (rowEnds[row] + 4 <= x)
                    {
                        return new PlacedLabel(text, row, x);
                    }
                }
                return null;
            }

            PlacedLabel LeastCrowded(string text)
            {
                var row = Array.IndexOf(rowEnds, rowEnds.Min());
                return new PlacedLabel(text, row, Math.Max(label.X + 3, rowEnds[row] + 4));
            }
        }
        return new LabelPlacement(placed, placed.Max(p => p.Row) + 1);
    }

    /// <summary>A label's box as drawn: the text as ScottPlot measures it and the padding on both sides.</summary>
    internal static double TextWidth(TextMeasure measure, string text) => measure.Width(text, LabelFontSize) + 2 * LabelPadding;

    internal static int AnnotationRows(double dataHeight) => MaxRows(dataHeight, 2);

    internal static int MaxRows(double dataHeight, int wanted) => (int)Math.Clamp((dataHeight - 120) / LabelRowHeight / 3, 1, wanted);

    internal static void AddLabel(Plot plot, PlacedLabel label, ChartRenderer.Frame frame, double yMin, double yMax, bool fromTop, Color color, double bottomOffset = 0)
    {
        if (label.Row < 0 || label.Text.Length == 0)
        {
            return;
        }
        var pixelsFromTop = fromTop
            ? 3 + label.Row * LabelRowHeight
            : frame.DataHeight - bottomOffset - (label.Row + 1) * LabelRowHeight - 3;
        var y = yMax - pixelsFromTop / frame.DataHeight * (yMax - yMin);
        var text = plot.Add.Text(label.Text, frame.DataX(label.X), y);
        text.LabelFontSize = LabelFontSize;
        text.LabelFontColor = color;
        text.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
        text.LabelAlignment = Alignment.UpperLeft;
        text.LabelPadding = LabelPadding;
    }
}
