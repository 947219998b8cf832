using System.Text;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http;
using MarketContext.Web.Rendering;

namespace MarketContext.Web.Features.EventStudy.Aggregate;

public static class AggregateEndpoints
{
    public static IEndpointRouteBuilder MapEventStudyAggregate(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/event-study").WithTags("Event study");
        group.MapGet("/aggregate", (HttpContext context, AggregateService service, PriceQueries prices, SeriesRoles roles) =>
            AnswerAsync(context, service, prices, roles, (response, _) => Results.Ok(response)));
        group.MapGet("/aggregate.csv", (HttpContext context, AggregateService service, PriceQueries prices, SeriesRoles roles) =>
            AnswerAsync(context, service, prices, roles, (response, name) =>
            {
                var members = context.Request.Query["part"] == "members";
                var text = members ? AggregateCsv.Members(response) : AggregateCsv.Write(response);
                return Results.File(Encoding.UTF8.GetBytes(text), "text/csv", name + (members ? "_members" : "") + ".csv");
            }));
        group.MapGet("/aggregate/chart.png", (HttpContext context, AggregateService service, PriceQueries prices, SeriesRoles roles) =>
            ChartAsync(context, service, prices, roles, (picture, name) => Results.File(picture.ToPng(), "image/png", name is null ? null : name + ".png"))).Renders();
        group.MapGet("/aggregate/chart.svg", (HttpContext context, AggregateService service, PriceQueries prices, SeriesRoles roles) =>
            ChartAsync(context, service, prices, roles, (picture, name) => Results.File(Encoding.UTF8.GetBytes(picture.ToSvg()), "image/svg+xml", name is null ? null : name + ".svg"))).Renders();
        return app;
    }

    /// <summary>The chart of the samples; the same width, height and scale limits as the other charts.</summary>
    private static Task<IResult> ChartAsync(HttpContext context, AggregateService service, PriceQueries prices, SeriesRoles roles, Func<ChartPicture, string?, IResult> answer)
    {
        var errors = new List<FieldError>();
        var width = QueryValues.Int(context.Request.Query, "width", 1000, PictureSize.MinWidth, PictureSize.MaxWidth, errors);
        var height = QueryValues.Int(context.Request.Query, "height", 480, PictureSize.MinHeight, PictureSize.MaxHeight, errors);
        var scale = QueryValues.Int(context.Request.Query, "scale", 1, 1, 3, errors);
        PictureSize.CheckPixels(width, height, scale, errors);
        var download = context.Request.Query["download"] == "true";
        return AnswerAsync(context, service, prices, roles, (response, name) =>
        {
            using var picture = AggregateChartRenderer.Render(response, EventSet(context.Request.Query), new ImageSize(width, height, scale));
            return answer(picture, download ? name : null);
        }, errors);
    }

    /// <summary>How the chart's title names the events: the category, the chosen ids, the dates, or all of them.</summary>
    internal static string EventSet(IQueryCollection query) =>
        query["category"].ToString() is { Length: > 0 } category ? $"the {Events.EventCategories.Get(category).Name} events"
        : query["eventIds"].ToString() is { Length: > 0 } ids ? $"events {Shorten(ids.Replace(",", ", ", StringComparison.Ordinal))}"
        : query["dates"].ToString() is { Length: > 0 } dates ? $"dates {Shorten(dates.Replace(",", ", ", StringComparison.Ordinal))}"
        : "all dated events";

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>Parses and validates the query, runs the study, and lets the caller shape a successful answer.</summary>
    internal static async Task<IResult> AnswerAsync(
        HttpContext context, AggregateService service, PriceQueries prices, SeriesRoles roles,
        Func<AggregateResponse, string, IResult> answer, List<FieldError>? extraErrors = null)
    {
        var current = await roles.CurrentAsync(context.RequestAborted);
        var (query, errors) = AggregateQuery.Parse(context.Request.Query, current.Benchmark);
        errors.AddRange(extraErrors ?? []);
        if (query is null || errors.Count > 0)
        {
            return Problems.Validation(string.Join(" ", errors.Select(e => e.Message)), errors);
        }
        var known = await prices.SymbolsAsync(context.RequestAborted);
        var symbols = query.Symbols ?? current.Vendors;
        if (StudySymbols.Unknown([.. symbols, query.Benchmark], known) is { } unknown)
        {
            return unknown;
        }
        if (symbols.Count == 0)
        {
            return Problems.Validation("symbols", "No vendor is loaded; name the symbols to study, e.g. symbols=ERIC,NOK.");
        }
        var (response, refusal) = await service.RunAsync(query, symbols);
        if (response is null)
        {
            return EventStudyEndpoints.Refused(refusal!);
        }
        return answer(response, FileName(query, symbols));
    }

    /// <summary>e.g. ERIC-NOK_us-pressure_car_-5_5: what the download shows.</summary>
    private static string FileName(AggregateQuery query, IReadOnlyList<string> symbols)
    {
        var set = query.Category ?? (query.EventIds.Count > 0 ? string.Join('-', query.EventIds.Take(6)) + (query.EventIds.Count > 6 ? "-etc" : "")
            : query.Dates.Count > 0 ? $"{query.Dates.Count}-dates" : "all-events");
        return $"{string.Join('-', symbols)}_{set}_caar_{-query.Parameters.Pre}_{query.Parameters.Post}";
    }
}
