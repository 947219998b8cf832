namespace MarketContext.Web.Rendering;

public sealed record PixelBox(double Left, double Top, double Width, double Height);

public sealed record ChartMarker(string Kind, string Id, double X, double? X2);

/// <summary>
/// Where things are in the picture, in the picture's own pixels, so a page can map a pointer to a date.
/// The event-time view has trading days relative to day 0 on its x axis instead of dates.
/// <c>AnnotationLabelBottom</c> and <c>AnnotationLabelRows</c> say where the renderer stacks annotation labels (rows of
/// 16 pixels upwards from that line), so a page drawing live annotations over a picture without them puts them there too.
/// </summary>
public sealed record ChartLayout(PixelBox DataRect, DateTime? XMin, DateTime? XMax, double YMin, double YMax, IReadOnlyList<ChartMarker> Markers, int? DayMin = null, int? DayMax = null,
    double? AnnotationLabelBottom = null, int? AnnotationLabelRows = null);

/// <summary>The numbers a chart plots, undecimated, for its CSV download.</summary>
public sealed record PlottedTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
