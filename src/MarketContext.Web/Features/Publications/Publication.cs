using System.Text.Json.Serialization;

namespace MarketContext.Web.Features.Publications;

/// <summary>The views a publication can freeze; each is named in JSON as its route names it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PublicationKind>))]
public enum PublicationKind
{
    [JsonStringEnumMemberName("chart")] Chart,
    [JsonStringEnumMemberName("event-time")] EventTime,
    [JsonStringEnumMemberName("study")] Study,
    [JsonStringEnumMemberName("aggregate")] Aggregate,
}

/// <summary>
/// Everything a published picture depends on, fixed at the moment it was published: the prices as of one vintage (a
/// vintage id orders every import of every series, so one id is one state of all prices), one version of the event
/// set, the annotations up to one change, and the renderer that drew it.
/// </summary>
public sealed record PublicationPins(long PriceVintage, string EventSet, long AnnotationSeq, string RendererVersion);

/// <summary>What a reader sees around the picture; the alternative text is generated from the data unless the publisher wrote one.</summary>
public sealed record PublicationFurniture(string Title, string? Subtitle, string? Notes, string? Source, string? Byline, string? Licence, string AltText);

/// <summary>
/// One numbered publication: <c>/p/{slug}/{number}</c>. <see cref="Query"/> is the view's query as the publisher saw
/// it; <see cref="PinnedQuery"/> is the same view with every pin written into it (asOf, eventSet=slug@N,
/// annotationsAsOf), which draws the same picture whatever was imported or edited since.
/// </summary>
public sealed record Publication(
    string Slug,
    int Number,
    PublicationKind Kind,
    string Query,
    string PinnedQuery,
    PublicationFurniture Furniture,
    PublicationPins Pins,
    DateTime PublishedAt,
    string PublishedBy);
