namespace MarketContext.Web.Features.Events;

/// <summary>A dated event of the article's story, described in our own words, with where the date comes from.</summary>
public sealed record PolicyEvent(
    string Id,
    DateOnly? Date,
    DateOnly? EndDate,
    string Precision,
    DateOnly? FirstPublic,
    string? FirstPublicTimeUtc,
    string Title,
    string Label,
    string Summary,
    string Category,
    IReadOnlyList<string> Countries,
    bool InArticle,
    int? ArticleParagraph,
    string ArticleNote,
    IReadOnlyList<string> Companies,
    IReadOnlyList<string> Sources,
    string Confidence)
{
    public bool IsDated => Date is not null;

    /// <summary>Periods and month-precision events are shaded bands; single days are lines.</summary>
    public bool IsBand => EndDate is not null || Precision == "month";

    public DateOnly? BandEnd => EndDate ?? (Precision == "month" && Date is { } d ? d.AddMonths(1).AddDays(-1) : null);

    /// <summary>A company-specific shock confounds any policy reading of that company's price.</summary>
    public bool IsCompanySpecific => Companies.Count > 0;

    /// <summary>
    /// The moment an event set says the news came out, with its own offset, and the IANA time zone it was given in:
    /// what places day 0 on each listing's exchange. Null for the shipped catalogue (its UTC clock says it) and for
    /// an event known only to the day.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset? AnnouncedAt { get; init; }

    /// <summary>The IANA time zone of <see cref="AnnouncedAt"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? AnnouncedZone { get; init; }
}

public sealed record EventCategory(string Id, string Name, string Color);

public static class EventCategories
{
    // Colour-blind-safe (Okabe–Ito) hues, each readable on white.
    public static readonly IReadOnlyList<EventCategory> All =
    [
        new("legal", "Legal / enforcement", "#D55E00"),
        new("us-pressure", "US pressure", "#0072B2"),
        new("european-decision", "European decision", "#009E73"),
        new("chinese-response", "Chinese response", "#CC79A7"),
        new("industry", "Industry", "#A87000"),
        new("market-context", "Market context", "#6B6B6B"),
    ];

    public static EventCategory Get(string id) =>
        All.FirstOrDefault(c => c.Id == id) ?? new EventCategory(id, id, "#6B6B6B");

    public static bool IsKnown(string id) => All.Any(c => c.Id == id);
}
