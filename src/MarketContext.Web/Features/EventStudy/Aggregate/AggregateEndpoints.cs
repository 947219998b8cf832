using System.Text;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using MarketContext.Web.Rendering;

namespace MarketContext.Web.Features.EventStudy.Aggregate;

/// <summary>
/// The study across events costs as much CPU as a picture (a battery of tests per day and sample), so its JSON and CSV
/// take a drawing slot and count against an anonymous address's budget like the charts do.
/// </summary>
public static class AggregateEndpoints
{
    public static IEndpointRouteBuilder MapEventStudyAggregate(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/event-study").WithTags("Event study");
        group.MapGet("/aggregate", ([AsParameters] AggregateStudyQuery query, AggregateService service, PriceQueries prices, SeriesRoles roles, PinnedEventSets sets, PriceVintages vintages, CancellationToken cancellationToken) =>
            AnswerAsync(query, service, prices, roles, sets, vintages, (_, response, _, _) => Results.Ok(response), cancellationToken)).Renders()
            .WithSummary("The study across events: one sample per symbol (and pooled), with AAR and every daily test, CAAR and every window test.")
            .Produces<AggregateResponse>().AnswersStudyProblems().AnswersRationedDrawing();
        group.MapGet("/aggregate.csv", ([AsParameters] AggregateCsvQuery query, AggregateService service, PriceQueries prices, SeriesRoles roles, PinnedEventSets sets, PriceVintages vintages, CancellationToken cancellationToken) =>
            AnswerAsync(query, service, prices, roles, sets, vintages, (_, response, name, _) =>
            {
                var members = QueryChoice<AggregateCsvPart>.Or(query.Part, AggregateCsvPart.Tests) == AggregateCsvPart.Members;
                var text = members ? AggregateCsv.Members(response) : AggregateCsv.Write(response);
                return Results.File(Encoding.UTF8.GetBytes(text), "text/csv", name + (members ? "_members" : "") + ".csv");
            }, cancellationToken)).Renders()
            .WithSummary("The study across events as CSV: its tests, or (part=members) its members and their CARs.")
            .ProducesFile("text/csv").AnswersStudyProblems().AnswersRationedDrawing();
        group.MapGet("/aggregate/chart.png", ([AsParameters] AggregateStudyQuery query, [AsParameters] AggregatePictureQuery picture, AggregateService service, PriceQueries prices, SeriesRoles roles, PinnedEventSets sets, PriceVintages vintages, CancellationToken cancellationToken) =>
            ChartAsync(query, picture, service, prices, roles, sets, vintages, (chart, name) => Results.File(chart.ToPng(), "image/png", name is null ? null : name + ".png"), cancellationToken)).Renders()
            .WithSummary("AAR bars and CAAR with its 95% band, per sample, as PNG.")
            .ProducesFile("image/png").AnswersStudyProblems().AnswersRationedDrawing();
        group.MapGet("/aggregate/chart.svg", ([AsParameters] AggregateStudyQuery query, [AsParameters] AggregatePictureQuery picture, AggregateService service, PriceQueries prices, SeriesRoles roles, PinnedEventSets sets, PriceVintages vintages, CancellationToken cancellationToken) =>
            ChartAsync(query, picture, service, prices, roles, sets, vintages, (chart, name) => Results.File(Encoding.UTF8.GetBytes(chart.ToSvg()), "image/svg+xml", name is null ? null : name + ".svg"), cancellationToken)).Renders()
            .WithSummary("AAR bars and CAAR with its 95% band, per sample, as SVG.")
            .ProducesFile("image/svg+xml").AnswersStudyProblems().AnswersRationedDrawing();
        return app;
    }

    /// <summary>The chart of the samples; the same width, height and scale limits as the other charts.</summary>
    private static Task<IResult> ChartAsync(AggregateStudyQuery asked, AggregatePictureQuery picture, AggregateService service, PriceQueries prices, SeriesRoles roles, PinnedEventSets sets,
        PriceVintages vintages, Func<ChartPicture, string?, IResult> answer, CancellationToken cancellationToken) =>
        AnswerAsync(asked, service, prices, roles, sets, vintages, (query, response, name, events) =>
        {
            using var chart = AggregateChartRenderer.Render(response, EventSet(query, events), picture.ImageSize(), picture.PictureTheme());
            return answer(chart, picture.IsDownload() ? name : null);
        }, cancellationToken);

    /// <summary>How the chart's title names the events: the category, the chosen ids, the dates, or all of them.</summary>
    internal static string EventSet(AggregateQuery query, PinnedEventSet events) =>
        query.Category is { } category ? $"the {events.CategoryOf(category).Name} events"
        : query.EventIds.Count > 0 ? $"events {Shorten(string.Join(", ", query.EventIds))}"
        : query.Dates.Count > 0 ? $"dates {Shorten(string.Join(", ", query.Dates.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))))}"
        : "all dated events";

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>Runs the study of a validated query, and lets the caller shape a successful answer.</summary>
    internal static async Task<IResult> AnswerAsync(AggregateStudyQuery asked, AggregateService service, PriceQueries prices, SeriesRoles roles, PinnedEventSets sets,
        PriceVintages vintages, Func<AggregateQuery, AggregateResponse, string, PinnedEventSet, IResult> answer, CancellationToken cancellationToken)
    {
        var current = await roles.CurrentAsync(cancellationToken);
        if (asked.BenchmarkOr(current.Benchmark) is not { } benchmark)
        {
            return Problems.Validation(SeriesRoles.NoBenchmark.Message, [SeriesRoles.NoBenchmark]);
        }
        var (asOf, badAsOf) = await EventStudyEndpoints.AsOfAsync(asked, vintages, cancellationToken);
        if (badAsOf is not null)
        {
            return badAsOf;
        }
        var query = asked.ToQuery(benchmark, asOf);
        var known = await prices.SymbolsAsync(cancellationToken);
        var symbols = query.Symbols ?? current.Vendors;
        if (StudySymbols.Unknown([.. symbols, query.Benchmark], known) is { } unknown)
        {
            return unknown;
        }
        if (symbols.Count == 0)
        {
            return Problems.Validation("symbols", "No vendor is loaded; name the symbols to study, e.g. symbols=ERIC,NOK.");
        }
        var (events, unknownSet) = await sets.PinAsync(asked.EventSetAsked(), cancellationToken);
        if (events is null)
        {
            return PinnedEventSets.Refused(unknownSet!);
        }
        var (response, refusal) = await service.RunAsync(query, symbols, events, cancellationToken);
        if (response is null)
        {
            return EventStudyEndpoints.Refused(refusal!);
        }
        return answer(query, response, FileName(query, symbols), events);
    }

    /// <summary>e.g. ERIC-NOK_us-pressure_car_-5_5: what the download shows.</summary>
    private static string FileName(AggregateQuery query, IReadOnlyList<string> symbols)
    {
        var set = query.Category ?? (query.EventIds.Count > 0 ? string.Join('-', query.EventIds.Take(6)) + (query.EventIds.Count > 6 ? "-etc" : "")
            : query.Dates.Count > 0 ? $"{query.Dates.Count}-dates" : "all-events");
        return $"{string.Join('-', symbols)}_{set}_caar_{-query.Parameters.Pre}_{query.Parameters.Post}";
    }
}
