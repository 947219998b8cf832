using System.Text.Json.Serialization;

namespace MarketContext.Web.Rendering;

public sealed record PixelBox(double Left, double Top, double Width, double Height);

/// <summary>
/// A marker of the picture; <c>Ids</c> names every event of a group that shares one place (the first is <c>Id</c>).
/// <c>Listings</c>: an event's day 0 on each listing drawn, with the reason, as the server's calendars place it.
/// </summary>
public sealed record ChartMarker(string Kind, string Id, double X, double? X2)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Ids { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MarkerDayZero>? Listings { get; init; }
}

/// <summary>An event's day 0 on one listing (null when its calendar cannot say) and why, in words.</summary>
public sealed record MarkerDayZero(string EventId, string Symbol, DateOnly? Day0, string Day0Reason);

/// <summary>
/// Where things are in the picture, in the picture's own pixels, so a page can map a pointer to a date.
/// The event-time view has trading days relative to day 0 on its x axis instead of dates.
/// <c>AnnotationLabelBottom</c> and <c>AnnotationLabelRows</c> say where annotation labels stack (rows of 16 pixels
/// upwards from that line); the band is kept whether or not the picture draws annotations, so the frame is the same.
/// <c>Annotations</c> are the annotation marks the picture draws, exactly as the page's overlay draws them.
/// </summary>
public sealed record ChartLayout(PixelBox DataRect, DateTime? XMin, DateTime? XMax, double YMin, double YMax, IReadOnlyList<ChartMarker> Markers, int? DayMin = null, int? DayMax = null,
    double? AnnotationLabelBottom = null, int? AnnotationLabelRows = null, IReadOnlyList<AnnotationMark>? Annotations = null);

/// <summary>
/// One annotation as drawn, in the picture's pixels: a line at <c>X</c> or a band from <c>X</c> to <c>X2</c> over the data
/// area's height, and its label (if it has room). Colours are <c>#RRGGBB</c> with a separate opacity.
/// </summary>
public sealed record AnnotationMark(string Id, double X, double? X2, double Top, double Height, string Color, double LineWidth, double LineOpacity, double FillOpacity, AnnotationLabel? Label);

/// <summary>
/// A label's box (<c>X</c>, <c>Y</c>, <c>Width</c>, <c>Height</c>) on its background, and its text as shown, drawn from
/// <c>TextX</c> on the baseline <c>Baseline</c> in <c>FontFamily</c> at <c>FontSize</c> pixels.
/// </summary>
public sealed record AnnotationLabel(string Text, double X, double Y, double Width, double Height, double TextX, double Baseline,
    string FontFamily, double FontSize, string Background, double BackgroundOpacity);

/// <summary>The numbers a chart plots, undecimated, for its CSV download.</summary>
public sealed record PlottedTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
