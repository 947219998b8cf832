namespace MarketContext.Web.Rendering;

/// <summary>
/// The colours of the pictures, defined once: the renderers draw with them and <c>/palette.{hash}.css</c> hands the same
/// values to the pages as custom properties, so a series, the benchmark or an annotation is one colour everywhere.
/// Event category colours belong to their categories (Events) and reach the pages the same way.
/// </summary>
public static class ChartColors
{
    public static readonly IReadOnlyList<string> Series = ["#1F2937", "#7C3AED", "#0E7490", "#B45309", "#BE123C", "#4D7C0F", "#1D4ED8", "#6B7280"];

    public const string Benchmark = "#767E8C";

    public const string Annotation = "#8B2F00";

    /// <summary>Behind a label, so that a line crossing it does not hide the text.</summary>
    public const string LabelBackground = "#FFFFFF";

    public static string SeriesColor(int index) => Series[index % Series.Count];

    /// <summary>The dark pictures' background: the dark page's panel.</summary>
    public const string DarkBackground = "#1E293B";

    /// <summary>Text, axes and ticks of the dark pictures.</summary>
    public const string DarkInk = "#E5E7EB";

    /// <summary>
    /// Every colour of the light pictures (series, benchmark, annotations, event categories, greys, label backgrounds)
    /// and its counterpart on <see cref="DarkBackground"/>: lines and markers keep at least 3:1 against it, text 4.5:1.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Dark = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["#1F2937"] = "#E5E7EB",
        ["#7C3AED"] = "#C4B5FD",
        ["#0E7490"] = "#67E8F9",
        ["#B45309"] = "#FBBF24",
        ["#BE123C"] = "#FDA4AF",
        ["#4D7C0F"] = "#A3E635",
        ["#1D4ED8"] = "#93C5FD",
        ["#6B7280"] = "#CBD5E1",
        [Benchmark] = "#94A3B8",
        [Annotation] = "#FDBA74",
        [LabelBackground] = DarkBackground,
        ["#000000"] = DarkInk,
        ["#111827"] = DarkInk,
        ["#4B5563"] = "#CBD5E1",
        ["#B91C1C"] = "#FCA5A5",
        ["#0369A1"] = "#7DD3FC",
        ["#D55E00"] = "#FB923C",
        ["#0072B2"] = "#60A5FA",
        ["#009E73"] = "#34D399",
        ["#CC79A7"] = "#F0ABFC",
        ["#A87000"] = "#FCD34D",
        ["#6B6B6B"] = "#A3A3A3",
        ["#92400E"] = "#FDE68A",
        ["#9CA3AF"] = "#94A3B8",
    };
}
