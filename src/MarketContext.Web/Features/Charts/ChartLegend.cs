using MarketContext.Web.Rendering;

namespace MarketContext.Web.Features.Charts;

/// <summary>The legend under the data: the series and, on a wide picture, the event categories shown.</summary>
public static class ChartLegend
{
    internal const float FontSize = 11;

    /// <summary>ScottPlot lays a horizontal legend out in equal cells as wide as its longest item.</summary>
    internal static double Height(IEnumerable<string> items, double dataWidth, TextMeasure measure)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return 0;
        }
        var cell = 40 + list.Max(i => measure.Width(i, FontSize));
        var perRow = Math.Max(1, (int)((dataWidth - 24) / cell));
        var rows = (list.Count + perRow - 1) / perRow;
        return rows * 19 + 14;
    }
}
