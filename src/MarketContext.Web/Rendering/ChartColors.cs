namespace MarketContext.Web.Rendering;

/// <summary>
/// The colours of the pictures, defined once: the renderers draw with them and <c>/palette.{hash}.css</c> hands the same
/// values to the pages as custom properties, so a series, the benchmark or an annotation is one colour everywhere.
/// Event category colours belong to their categories (Events) and reach the pages the same way.
/// </summary>
public static class ChartColors
{
    public static readonly IReadOnlyList<string> Series = ["#1F2937", "#7C3AED", "#0E7490", "#B45309", "#BE123C", "#4D7C0F", "#1D4ED8", "#6B7280"];

    public const string Benchmark = "#9CA3AF";

    public const string Annotation = "#8B2F00";

    /// <summary>Behind a label, so that a line crossing it does not hide the text.</summary>
    public const string LabelBackground = "#FFFFFF";

    public static string SeriesColor(int index) => Series[index % Series.Count];
}
