using MarketContext.Web.Features.Events;

namespace MarketContext.Web.Features.EventSets;

/// <summary>Where an event's facts come from.</summary>
public sealed record EventSource(string Url, string Publisher, bool Official);

/// <summary>
/// An event of a set, with what a researcher needs. Text fields are never null (empty when unknown), so that every
/// format that carries an event (JSON, CSV, iCalendar) reads back exactly what was written.
/// </summary>
/// <param name="Announced">The local moment the news came out, <c>yyyy-MM-ddTHH:mm</c>, in <paramref name="TimeZone"/> (an IANA id).</param>
/// <param name="AnnotationId">The annotation this event was promoted from, if any.</param>
public sealed record SetEvent(
    string Id,
    string Title,
    string Label,
    string Summary,
    string Category,
    string? Stage,
    IReadOnlyList<string> Jurisdictions,
    IReadOnlyList<string> Companies,
    DateOnly? Date,
    string Precision,
    DateOnly? EndDate,
    string? Announced,
    string? TimeZone,
    DateOnly? FirstPublic,
    IReadOnlyList<EventSource> Sources,
    string Confidence,
    string Notes,
    bool InArticle,
    int? ArticleParagraph,
    string ArticleNote,
    long? AnnotationId)
{
    /// <summary>The order every list shows: dated events by date (then id), the undated ones last.</summary>
    public static IEnumerable<SetEvent> InOrder(IEnumerable<SetEvent> events) =>
        events.OrderBy(e => e.Date is null).ThenBy(e => e.Date).ThenBy(e => e.Id, StringComparer.Ordinal);
}

/// <summary>A set's category and the colour its events are drawn in.</summary>
public sealed record SetCategory(string Id, string Name, string Color);

/// <summary>The shipped catalogue as the first set, and the way back to the shape <c>/api/events</c> answers.</summary>
public static class ShippedSet
{
    public const string Slug = "huawei-5g-europe";
    public const string Title = "US campaign against Huawei 5G in Europe";
    public const string Description = "The dated events behind the Wall Street Journal article of 2020-04-09, shipped with the app.";

    // The catalogue gives the moment of first publication in UTC; the set keeps it in the time zone of the market that priced it.
    private const string AnnouncedZone = "America/New_York";

    public static IReadOnlyList<SetCategory> Categories =>
        [.. EventCategories.All.Select(c => new SetCategory(c.Id, c.Name, c.Color))];

    public static SetEvent FromCatalogue(PolicyEvent e)
    {
        string? announced = null, zone = null;
        if (e.FirstPublic is { } day && e.FirstPublicTimeUtc is { } clock)
        {
            var utc = DateTime.SpecifyKind(day.ToDateTime(TimeOnly.ParseExact(clock, "HH:mm", System.Globalization.CultureInfo.InvariantCulture)), DateTimeKind.Utc);
            var local = TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById(AnnouncedZone));
            announced = local.ToString(EventRules.MomentFormat, System.Globalization.CultureInfo.InvariantCulture);
            zone = AnnouncedZone;
        }
        return new SetEvent(e.Id, e.Title, e.Label, e.Summary, e.Category, null, e.Countries, e.Companies, e.Date, e.Precision, e.EndDate,
            announced, zone, e.FirstPublic, [.. e.Sources.Select(url => new EventSource(url, "", false))], e.Confidence, "",
            e.InArticle, e.ArticleParagraph, e.ArticleNote, null);
    }

    public static PolicyEvent ToPolicyEvent(SetEvent e)
    {
        string? utcClock = null;
        if (EventRules.UtcMoment(e) is { } utc)
        {
            utcClock = utc.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        }
        // The moment itself travels too: the UTC clock alone would lose its day when the UTC date is not the local one.
        var zone = e.TimeZone is { } id ? EventRules.FindZone(id) : null;
        DateTimeOffset? at = EventRules.UtcMoment(e) is { } instant && zone is not null
            ? TimeZoneInfo.ConvertTime(new DateTimeOffset(instant, TimeSpan.Zero), zone)
            : null;
        return new PolicyEvent(e.Id, e.Date, e.EndDate, e.Precision, e.FirstPublic, utcClock, e.Title, e.Label, e.Summary, e.Category,
            e.Jurisdictions, e.InArticle, e.ArticleParagraph, e.ArticleNote, e.Companies, [.. e.Sources.Select(s => s.Url)], e.Confidence)
        {
            AnnouncedAt = at,
            AnnouncedZone = at is null ? null : zone!.Id,
        };
    }
}
