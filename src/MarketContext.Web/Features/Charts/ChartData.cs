using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Events;

namespace MarketContext.Web.Features.Charts;

/// <summary>One instrument's prices in the requested range, ascending by date.</summary>
public sealed record ChartSeries(string Symbol, string Name, DateOnly[] Dates, double[] Values);

/// <summary>Everything a chart shows, gathered before drawing so that drawing stays pure.</summary>
public sealed record ChartData(
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<PolicyEvent> Events,
    IReadOnlyList<Annotation> Annotations,
    DateOnly? PricesLastDate);

public sealed record PixelBox(double Left, double Top, double Width, double Height);

public sealed record ChartMarker(string Kind, string Id, double X, double? X2);

/// <summary>Where things are in the picture, in the picture's own pixels, so a page can map a pointer to a date.</summary>
public sealed record ChartLayout(PixelBox DataRect, DateTime XMin, DateTime XMax, double YMin, double YMax, IReadOnlyList<ChartMarker> Markers);
