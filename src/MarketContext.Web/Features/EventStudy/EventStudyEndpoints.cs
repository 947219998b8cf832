using System.Globalization;
using System.Text;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventStudy.Aggregate;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http;
using MarketContext.Web.Rendering;

namespace MarketContext.Web.Features.EventStudy;

public static class EventStudyEndpoints
{
    public static IEndpointRouteBuilder MapEventStudy(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Event study");
        group.MapGet("/event-study", StudyAsync);
        group.MapGet("/event-study/summary", async (HttpContext context, EventStudyService service, PriceQueries prices, SeriesRoles roles) =>
            await SummaryAsync(context, service, prices, roles, rows => Results.Ok(rows)));
        group.MapGet("/event-study/summary.csv", async (HttpContext context, EventStudyService service, PriceQueries prices, SeriesRoles roles) =>
            await SummaryAsync(context, service, prices, roles, rows =>
                Results.File(Encoding.UTF8.GetBytes(SummaryCsv(rows)), "text/csv", "event-study.csv")));
        group.MapGet("/event-study/chart.png", (HttpContext context, EventStudyService service, SeriesRoles roles) =>
            CarChartAsync(context, service, roles, (picture, name) => Results.File(picture.ToPng(), "image/png", name is null ? null : name + ".png"))).Renders();
        group.MapGet("/event-study/chart.svg", (HttpContext context, EventStudyService service, SeriesRoles roles) =>
            CarChartAsync(context, service, roles, (picture, name) => Results.File(Encoding.UTF8.GetBytes(picture.ToSvg()), "image/svg+xml", name is null ? null : name + ".svg"))).Renders();
        app.MapEventStudyAggregate();
        return app;
    }

    private static async Task<IResult> StudyAsync(HttpContext context, EventStudyService service, SeriesRoles roles)
    {
        var (query, errors) = EventStudyQuery.Parse(context.Request.Query, await roles.BenchmarkAsync(context.RequestAborted));
        if (query is null)
        {
            return Problems.Validation(string.Join(" ", errors.Select(e => e.Message)), errors);
        }
        var (study, refusal) = await service.RunAsync(query);
        return study is not null ? Results.Ok(study) : Refused(refusal!);
    }

    private static async Task<IResult> SummaryAsync(HttpContext context, EventStudyService service, PriceQueries prices, SeriesRoles roles, Func<IReadOnlyList<EventStudySummaryRow>, IResult> answer)
    {
        var current = await roles.CurrentAsync(context.RequestAborted);
        var (query, errors) = EventStudyQuery.Parse(context.Request.Query, current.Benchmark, requireTarget: false);
        if (query is not null && query.Parameters.Gap < 5)
        {
            errors.Add(new FieldError("The summary reports [−5, +5], so gap must be at least 5.", Field: "gap"));
        }
        var asked = StudySymbols.Parse(context.Request.Query, errors);
        if (query is null || errors.Count > 0)
        {
            return Problems.Validation(string.Join(" ", errors.Select(e => e.Message)), errors);
        }
        var symbols = asked ?? current.Vendors;
        if (asked is not null && StudySymbols.Unknown(asked, await prices.SymbolsAsync(context.RequestAborted)) is { } unknown)
        {
            return unknown;
        }
        return answer(await service.SummaryAsync(symbols, query.Benchmark, query.Parameters));
    }

    private static async Task<IResult> CarChartAsync(HttpContext context, EventStudyService service, SeriesRoles roles, Func<ChartPicture, string?, IResult> answer)
    {
        var (query, errors) = EventStudyQuery.Parse(context.Request.Query, await roles.BenchmarkAsync(context.RequestAborted));
        var width = QueryValues.Int(context.Request.Query, "width", 900, PictureSize.MinWidth, PictureSize.MaxWidth, errors);
        var height = QueryValues.Int(context.Request.Query, "height", 450, PictureSize.MinHeight, PictureSize.MaxHeight, errors);
        var scale = QueryValues.Int(context.Request.Query, "scale", 1, 1, 3, errors);
        PictureSize.CheckPixels(width, height, scale, errors);
        if (query is null || errors.Count > 0)
        {
            return Problems.Validation(string.Join(" ", errors.Select(e => e.Message)), errors);
        }
        var (study, refusal) = await service.RunAsync(query);
        if (study is null)
        {
            return Refused(refusal!);
        }
        var studied = study.EventId is { } id ? EventCatalogue.All.First(e => e.Id == id) : null;
        var eventName = studied is null ? $"{study.EventDate:yyyy-MM-dd}" : $"{studied.Id} {studied.Label}";
        using var picture = CarChartRenderer.Render(study, eventName, new ImageSize(width, height, scale));
        // A name that says what the picture shows, e.g. ERIC_E25_car_-5_5.png; only when downloading.
        var name = context.Request.Query["download"] == "true"
            ? $"{study.Symbol}_{study.EventId ?? study.EventDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}_car_{-study.Pre}_{study.Post}"
            : null;
        return answer(picture, name);
    }

    /// <summary>A refusal as HTTP: nothing to study is 404, a study the prices cannot carry is 422.</summary>
    internal static IResult Refused(StudyRefusal refusal) => refusal.Kind switch
    {
        StudyRefusalKind.Unknown => Results.Problem(title: "Not found", detail: refusal.Detail, statusCode: StatusCodes.Status404NotFound),
        _ => Results.Problem(title: "Too little data for this event study", detail: refusal.Detail, statusCode: StatusCodes.Status422UnprocessableEntity),
    };


    internal static string SummaryCsv(IReadOnlyList<EventStudySummaryRow> rows)
    {
        static string F(double? v) => v?.ToString("0.######", CultureInfo.InvariantCulture) ?? "";
        static string Q(string s) => CsvCells.Escape(s);
        var csv = new StringBuilder("event_id,label,category,symbol,day0,car_m1_p1,t_m1_p1,p_m1_p1,q_m1_p1,car_m5_p5,t_m5_p5,p_m5_p5,q_m5_p5,confounders,missing\n");
        var q = SummaryQValues.For(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            csv.Append(CultureInfo.InvariantCulture,
                $"{Q(r.EventId)},{Q(r.Label)},{Q(r.Category)},{Q(r.Symbol)},{r.Day0:yyyy-MM-dd},{F(r.Car1?.Car)},{F(r.Car1?.TStat)},{F(r.Car1?.PValue)},{F(q[i].Q1)},{F(r.Car5?.Car)},{F(r.Car5?.TStat)},{F(r.Car5?.PValue)},{F(q[i].Q5)},{Q(string.Join(' ', r.Confounders.Select(c => c.Id)))},{Q(r.Missing ?? "")}\n");
        }
        return csv.ToString();
    }
}
