using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Rendering;
using Microsoft.OpenApi;

namespace MarketContext.Web.Features.Api;

/// <summary>An answer of an operation: JSON of a type, another content type, or nothing.</summary>
internal sealed record Answer(int Status, string Description, Type? Json = null, string? ContentType = null);

/// <summary>A query parameter that an endpoint reads itself (chart and event-study queries are parsed as a whole).</summary>
internal sealed record QueryParameter(string Name, string Description, JsonSchemaType Type = JsonSchemaType.String, string? Format = null,
    string[]? Values = null, bool Required = false);

internal sealed record Operation(string Summary, Answer[] Answers, QueryParameter[]? Query = null, Type? JsonBody = null, bool CsvBody = false);

/// <summary>
/// What the handlers cannot tell the OpenAPI generator themselves (most read the query or body by hand): keyed by
/// method and route as the document names them. Routes missing here still appear, with what can be inferred.
/// </summary>
internal static class ApiOperations
{
    private static readonly QueryParameter[] ChartQuery =
    [
        new("symbols", "Comma-separated symbols; default: the vendors."),
        new("from", "First day, YYYY-MM-DD; default 2019-01-01.", Format: "date"),
        new("to", "Last day, YYYY-MM-DD; default 2020-06-30.", Format: "date"),
        new("mode", "Each series rebased to 100 at its first point, the price, or the percent change.", Values: ["rebased", "price", "percent"]),
        new("log", "Logarithmic y axis.", JsonSchemaType.Boolean),
        new("events", "all, none, or comma-separated event categories."),
        new("annotations", "Draw the annotations.", JsonSchemaType.Boolean),
        new("width", "Width in pixels (default 1200, bounded).", JsonSchemaType.Integer),
        new("height", "Height in pixels (default 600, bounded).", JsonSchemaType.Integer),
        new("scale", "Pixel density of a PNG.", JsonSchemaType.Integer, Values: ["1", "2", "3"]),
        new("download", "Adds Content-Disposition: attachment with a descriptive file name.", JsonSchemaType.Boolean),
        new("benchmark", "Overlay the benchmark.", JsonSchemaType.Boolean),
        new("view", "Calendar time or event time.", Values: ["time", "event-time"]),
        new("eventIds", "Comma-separated event ids for the event-time view."),
        new("window", "Trading days either side of day 0 in the event-time view.", JsonSchemaType.Integer),
    ];

    private static readonly QueryParameter[] StudyParameters =
    [
        new("benchmark", "Benchmark symbol; default the configured one (QQQ)."),
        new("pre", "Trading days before day 0 in the event window (default 5).", JsonSchemaType.Integer),
        new("post", "Trading days after day 0 in the event window (default 5).", JsonSchemaType.Integer),
        new("estimation", "Length of the estimation window in trading days (default 120).", JsonSchemaType.Integer),
        new("gap", "Trading days between the estimation window and day 0 (default 10).", JsonSchemaType.Integer),
        new("returns", "Simple or log returns from the adjusted close.", Values: ["simple", "log"]),
    ];

    private static readonly QueryParameter[] StudyQuery =
    [
        new("symbol", "The stock studied.", Required: true),
        new("eventId", "The event whose first-public day is day 0 (or give date)."),
        new("date", "Day 0 as YYYY-MM-DD (or give eventId).", Format: "date"),
        .. StudyParameters,
    ];

    private static readonly QueryParameter[] PictureSize =
    [
        new("width", "Width in pixels (default 900, bounded).", JsonSchemaType.Integer),
        new("height", "Height in pixels (default 450, bounded).", JsonSchemaType.Integer),
        new("scale", "Pixel density of a PNG.", JsonSchemaType.Integer, Values: ["1", "2", "3"]),
        new("download", "Adds Content-Disposition: attachment with a descriptive file name.", JsonSchemaType.Boolean),
    ];

    private static readonly Answer BadQuery = new(400, "The query is not valid: errors name each field.");
    private static readonly Answer NotModified = new(304, "The picture for this ETag (If-None-Match) has not changed.");

    private static Operation Picture(string summary, string contentType) => new(summary,
        [new(200, summary, ContentType: contentType), NotModified, BadQuery, new(404, "A symbol is not loaded or an event is not in the catalogue.")],
        ChartQuery);

    private static Operation StudyPicture(string summary, string contentType) => new(summary,
        [new(200, summary, ContentType: contentType), BadQuery, new(404, "Unknown event or symbol."), new(422, "Too little data for this study; says what is missing.")],
        [.. StudyQuery, .. PictureSize]);

    private static readonly QueryParameter[] AggregateQuery =
    [
        new("symbols", "Comma-separated known symbols, at most 8; default: the vendors."),
        new("eventIds", "Comma-separated event ids (or give dates or category; none of the three: every dated event)."),
        new("dates", "Comma-separated days 0 as YYYY-MM-DD (or give eventIds or category)."),
        new("category", "Every dated event of one category (or give eventIds or dates)."),
        new("strict", "Refuse with 422 when a member has too little data, instead of leaving it out.", JsonSchemaType.Boolean),
        .. StudyParameters,
    ];

    private static Answer[] AggregateAnswers(string description, string contentType) =>
        [new(200, description, ContentType: contentType), BadQuery, new(404, "Unknown event, category or symbol: the problem names it."),
         new(422, "Too little data: the problem names the members.")];

    public static readonly IReadOnlyDictionary<string, Operation> ByRoute = new Dictionary<string, Operation>(StringComparer.Ordinal)
    {
        ["GET /api/series"] = new("The loaded series with name, role, first and last date and row count.",
            [new(200, "The series, vendors first.", typeof(IReadOnlyList<SeriesSummary>))]),
        ["GET /api/series/{symbol}/prices"] = new("Daily bars of one series, ascending by date; unusable fields are null.",
            [new(200, "The bars; when more follow, a Link header with rel=\"next\" gives the next page.", typeof(IReadOnlyList<PriceBar>)), BadQuery,
             new(404, "No prices are loaded for the symbol.")],
            [new("from", "First day, YYYY-MM-DD.", Format: "date"), new("to", "Last day, YYYY-MM-DD.", Format: "date"),
             new("limit", "At most this many bars (default 5,000, at most 20,000).", JsonSchemaType.Integer),
             new("after", "Only bars after this day: the cursor of the next page.", Format: "date")]),
        ["PUT /api/series/{symbol}/role"] = new("Sets a series' role (vendor, benchmark or other); vendors are what a chart shows by default.",
            [new(200, "The series.", typeof(SeriesSummary)), new(400, "Not a role."), new(404, "No such series.")],
            JsonBody: typeof(InstrumentRoles.RoleChange)),
        ["POST /api/series/{symbol}/import"] = new("Imports a price file (text/csv, or multipart/form-data with field file); X-Import-Id reports progress on /hubs/imports.",
            [new(200, "The import report.", typeof(ImportReport)), new(400, "The file cannot be trusted: line-numbered errors, nothing stored."),
             new(413, "The file is over the size limit.")], CsvBody: true),
        ["POST /api/series/{symbol}/refresh"] = new("Downloads the latest days from the online price source and imports them.",
            [new(200, "The import report.", typeof(ImportReport)), BadQuery, new(404, "The source does not know the symbol."),
             new(502, "The source failed or answered something untrustworthy; nothing stored."),
             new(503, "The source cannot be reached (offline)."), new(504, "The source did not answer in time.")]),
        ["GET /api/events"] = new("The article's dated events.",
            [new(200, "The events.", typeof(IReadOnlyList<PolicyEvent>)), BadQuery]),
        ["GET /api/events/categories"] = new("The event categories with their colours.",
            [new(200, "The categories.", typeof(IReadOnlyList<EventCategory>))]),
        ["GET /api/annotations"] = new("Live annotations; the X-Annotations-Seq header gives the change-log position they reflect.",
            [new(200, "The annotations.", typeof(IReadOnlyList<Annotation>)), BadQuery]),
        ["GET /api/annotations/changes"] = new("Every change after afterSeq, ascending: what a client that was away needs.",
            [new(200, "The changes.", typeof(IReadOnlyList<AnnotationChange>)), BadQuery]),
        ["GET /api/annotations/{id}/history"] = new("The audit trail of one annotation: who changed it when, before and after.",
            [new(200, "The changes, oldest first.", typeof(IReadOnlyList<AnnotationAudit>)), new(404, "No such annotation.")]),
        ["POST /api/annotations"] = new("Adds an annotation; every viewer is told over SignalR.",
            [new(201, "The annotation.", typeof(Annotation)), new(400, "The annotation is not valid: errors name each field.")], JsonBody: typeof(AnnotationInput)),
        ["PUT /api/annotations/{id}"] = new("Changes an annotation (its author or an admin).",
            [new(200, "The annotation.", typeof(Annotation)), new(400, "The annotation is not valid: errors name each field."),
             new(404, "No such annotation.")], JsonBody: typeof(AnnotationInput)),
        ["DELETE /api/annotations/{id}"] = new("Deletes an annotation (its author or an admin).",
            [new(204, "Deleted."), new(404, "No such annotation.")]),
        ["GET /api/chart.png"] = Picture("The chart as PNG.", "image/png"),
        ["GET /api/chart.svg"] = Picture("The chart as SVG.", "image/svg+xml"),
        ["GET /api/chart.csv"] = Picture("The plotted numbers as CSV.", "text/csv"),
        ["GET /api/chart/layout"] = new("Where the chart's data area and markers are, in pixels of the image.",
            [new(200, "The layout.", typeof(ChartLayout)), NotModified, BadQuery, new(404, "A symbol is not loaded.")], ChartQuery),
        ["GET /api/chart/annotations"] = new("The annotation marks of the view at the current annotation seq, in pixels of the image, as a download draws them.",
            [new(200, "The marks and the seq they are at.", typeof(AnnotationOverlayAnswer)), NotModified, BadQuery, new(404, "A symbol is not loaded."), new(503, "No drawing slot for the view's picture.")], ChartQuery),
        ["GET /api/event-study"] = new("One event study: market model, abnormal returns, CAR, t and p.",
            [new(200, "The study.", typeof(EventStudyResult)), BadQuery, new(404, "Unknown event or symbol."),
             new(422, "Too little data for this study; says what is missing.")], StudyQuery),
        ["GET /api/event-study/summary"] = new("Every dated event × vendor: CAR over [−1,+1] and [−5,+5] with t and p, and the other news in each window.",
            [new(200, "One row per event and symbol.", typeof(IReadOnlyList<EventStudySummaryRow>)), BadQuery],
            [new("symbols", "Comma-separated symbols; default ERIC,NOK."), .. StudyParameters]),
        ["GET /api/event-study/summary.csv"] = new("The summary as CSV.",
            [new(200, "One line per event and symbol.", ContentType: "text/csv"), BadQuery],
            [new("symbols", "Comma-separated symbols; default ERIC,NOK."), .. StudyParameters]),
        ["GET /api/event-study/chart.png"] = StudyPicture("Abnormal returns and running CAR of one study as PNG.", "image/png"),
        ["GET /api/event-study/chart.svg"] = StudyPicture("Abnormal returns and running CAR of one study as SVG.", "image/svg+xml"),
        ["GET /api/event-study/aggregate"] = new("The study across events: one sample per symbol (and pooled), with AAR and every daily test, CAAR and every window test.",
            AggregateAnswers("The samples, their members, left-out members and flags.", "application/json"), AggregateQuery),
        ["GET /api/event-study/aggregate.csv"] = new("The study across events as CSV (part=members: the members and their CARs).",
            AggregateAnswers("The numbers as CSV.", "text/csv"),
            [.. AggregateQuery, new("part", "members: one row per member instead of the tests.", Values: ["members"])]),
        ["GET /api/event-study/aggregate/chart.png"] = new("AAR bars and CAAR with its 95% band, per sample, as PNG.",
            AggregateAnswers("The chart.", "image/png"), [.. AggregateQuery, .. PictureSize]),
        ["GET /api/event-study/aggregate/chart.svg"] = new("AAR bars and CAAR with its 95% band, per sample, as SVG.",
            AggregateAnswers("The chart.", "image/svg+xml"), [.. AggregateQuery, .. PictureSize]),
        ["GET /api/me"] = new("Who the request is signed in as, and whether it may write.",
            [new(200, "name (null when anonymous), role, canWrite.", ContentType: "application/json")]),
        ["GET /api/admin/audit"] = new("Admins: the latest 500 account and token changes (who, when, what), newest first.",
            [new(200, "The audit entries.", typeof(IReadOnlyList<AuditEntry>))]),
        ["GET /api/admin/users"] = new("Admins: every account with its role.",
            [new(200, "The accounts.", typeof(IReadOnlyList<Account>))]),
    };
}
