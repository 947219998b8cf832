using System.Globalization;
using System.Text;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.EventStudy.Aggregate;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using MarketContext.Web.Rendering;

namespace MarketContext.Web.Features.EventStudy;

public static class EventStudyEndpoints
{
    public static IEndpointRouteBuilder MapEventStudy(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Event study");
        group.MapGet("/event-study", StudyAsync)
            .WithSummary("One event study: market model, abnormal returns, CAR, t and p.")
            .Produces<EventStudyResponse>().AnswersStudyProblems();
        group.MapGet("/event-study/summary", async ([AsParameters] SummaryQuery query, EventStudyService service, PriceQueries prices, SeriesRoles roles, PinnedEventSets sets, PriceVintages vintages, CancellationToken cancellationToken) =>
            await SummaryAsync(query, service, prices, roles, sets, vintages, rows => Results.Ok(rows), cancellationToken))
            .WithSummary("Every dated event × vendor: CAR over [−1,+1] and [−5,+5] with t and p, and the other news in each window.")
            .Produces<IReadOnlyList<EventStudySummaryRow>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/event-study/summary.csv", async ([AsParameters] SummaryQuery query, EventStudyService service, PriceQueries prices, SeriesRoles roles, PinnedEventSets sets, PriceVintages vintages, CancellationToken cancellationToken) =>
            await SummaryAsync(query, service, prices, roles, sets, vintages, rows =>
                Results.File(Encoding.UTF8.GetBytes(SummaryCsv(rows)), "text/csv", "event-study.csv"), cancellationToken))
            .WithSummary("The summary as CSV, with Benjamini–Hochberg q values.")
            .ProducesFile("text/csv").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/event-study/chart.png", ([AsParameters] StudyQuery query, [AsParameters] StudyPictureQuery picture, EventStudyService service, SeriesRoles roles, PinnedEventSets sets, PriceVintages vintages) =>
            CarChartAsync(query, picture, service, roles, sets, vintages, (chart, name) => Results.File(chart.ToPng(), "image/png", name is null ? null : name + ".png"))).Renders()
            .WithSummary("Abnormal returns and running CAR of one study as PNG.")
            .ProducesFile("image/png").AnswersStudyProblems().AnswersRationedDrawing();
        group.MapGet("/event-study/chart.svg", ([AsParameters] StudyQuery query, [AsParameters] StudyPictureQuery picture, EventStudyService service, SeriesRoles roles, PinnedEventSets sets, PriceVintages vintages) =>
            CarChartAsync(query, picture, service, roles, sets, vintages, (chart, name) => Results.File(Encoding.UTF8.GetBytes(chart.ToSvg()), "image/svg+xml", name is null ? null : name + ".svg"))).Renders()
            .WithSummary("Abnormal returns and running CAR of one study as SVG.")
            .ProducesFile("image/svg+xml").AnswersStudyProblems().AnswersRationedDrawing();
        app.MapEventStudyAggregate();
        return app;
    }

    /// <summary>A study's refusals: a bad query, nothing to study, too little data.</summary>
    public static RouteHandlerBuilder AnswersStudyProblems(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>A drawing route's answers when drawing is rationed: the caller's budget is spent, or no slot came free.</summary>
    public static RouteHandlerBuilder AnswersRationedDrawing(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> StudyAsync([AsParameters] StudyQuery query, EventStudyService service, SeriesRoles roles, PinnedEventSets sets, PriceVintages vintages,
        CancellationToken cancellationToken)
    {
        if (query.BenchmarkOr(await roles.BenchmarkAsync(cancellationToken)) is not { } benchmark)
        {
            return NoBenchmark;
        }
        var (asOf, badAsOf) = await AsOfAsync(query, vintages, cancellationToken);
        if (badAsOf is not null)
        {
            return badAsOf;
        }
        var (events, unknownSet) = await sets.PinAsync(query.EventSetAsked(), cancellationToken);
        if (events is null)
        {
            return PinnedEventSets.Refused(unknownSet!);
        }
        var (study, refusal) = await service.RunAsync(query.ToQuery(benchmark, asOf), events);
        return study is not null ? Results.Ok(study) : Refused(refusal!);
    }

    /// <summary>The price vintage a study's <c>asOf</c> stands for (null: now), or the refusal naming <c>asOf</c>.</summary>
    internal static async Task<(long? Vintage, IResult? Refusal)> AsOfAsync(StudyWindowQuery query, PriceVintages vintages, CancellationToken cancellationToken = default)
    {
        if (PriceAsOfText.Of(query.AsOf) is not { } asOf)
        {
            return (null, null);
        }
        var (vintage, refusal) = await vintages.ResolveAsync(asOf, cancellationToken);
        return refusal is null ? (vintage, null) : (null, Problems.Validation("asOf", refusal));
    }

    private static IResult NoBenchmark => Problems.Validation(SeriesRoles.NoBenchmark.Message, [SeriesRoles.NoBenchmark]);

    private static async Task<IResult> SummaryAsync(SummaryQuery query, EventStudyService service, PriceQueries prices, SeriesRoles roles, PinnedEventSets sets,
        PriceVintages vintages, Func<IReadOnlyList<EventStudySummaryRow>, IResult> answer, CancellationToken cancellationToken)
    {
        var current = await roles.CurrentAsync(cancellationToken);
        if (query.BenchmarkOr(current.Benchmark) is not { } benchmark)
        {
            return NoBenchmark;
        }
        var asked = query.SymbolList();
        var symbols = asked ?? current.Vendors;
        if (asked is not null && StudySymbols.Unknown(asked, await prices.SymbolsAsync(cancellationToken)) is { } unknown)
        {
            return unknown;
        }
        var (asOf, badAsOf) = await AsOfAsync(query, vintages, cancellationToken);
        if (badAsOf is not null)
        {
            return badAsOf;
        }
        var (events, unknownSet) = await sets.PinAsync(query.EventSetAsked(), cancellationToken);
        return events is null ? PinnedEventSets.Refused(unknownSet!) : answer(await service.SummaryAsync(symbols, benchmark, query.Parameters(), events, query.BenchmarkAsked, asOf));
    }

    private static async Task<IResult> CarChartAsync(StudyQuery query, StudyPictureQuery picture, EventStudyService service, SeriesRoles roles, PinnedEventSets sets, PriceVintages vintages,
        Func<ChartPicture, string?, IResult> answer)
    {
        if (query.BenchmarkOr(await roles.BenchmarkAsync()) is not { } benchmark)
        {
            return NoBenchmark;
        }
        var (asOf, badAsOf) = await AsOfAsync(query, vintages);
        if (badAsOf is not null)
        {
            return badAsOf;
        }
        var (events, unknownSet) = await sets.PinAsync(query.EventSetAsked());
        if (events is null)
        {
            return PinnedEventSets.Refused(unknownSet!);
        }
        var (study, refusal) = await service.RunAsync(query.ToQuery(benchmark, asOf), events);
        if (study is null)
        {
            return Refused(refusal!);
        }
        var studied = study.EventId is { } id ? events.Find(id) : null;
        var eventName = studied is null ? $"{study.EventDate:yyyy-MM-dd}" : $"{studied.Id} {studied.Label}";
        using var chart = CarChartRenderer.Render(study, eventName, picture.ImageSize(), picture.PictureTheme());
        // A name that says what the picture shows, e.g. ERIC_E25_car_-5_5.png; only when downloading.
        var name = picture.IsDownload()
            ? $"{study.Symbol}_{study.EventId ?? study.EventDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}_car_{-study.Pre}_{study.Post}"
            : null;
        return answer(chart, name);
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
        var csv = new StringBuilder("event_id,label,category,symbol,day0,car_m1_p1,t_m1_p1,p_m1_p1,q_m1_p1,car_m5_p5,t_m5_p5,p_m5_p5,q_m5_p5,confounders,missing,benchmark,day0_reason\n");
        var q = SummaryQValues.For(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            csv.Append(CultureInfo.InvariantCulture,
                $"{Q(r.EventId)},{Q(r.Label)},{Q(r.Category)},{Q(r.Symbol)},{r.Day0:yyyy-MM-dd},{F(r.Car1?.Car)},{F(r.Car1?.TStat)},{F(r.Car1?.PValue)},{F(q[i].Q1)},{F(r.Car5?.Car)},{F(r.Car5?.TStat)},{F(r.Car5?.PValue)},{F(q[i].Q5)},{Q(string.Join(' ', r.Confounders.Select(c => c.Id)))},{Q(r.Missing ?? "")},{Q(r.Benchmark ?? "")},{Q(r.Day0Reason ?? "")}\n");
        }
        return csv.ToString();
    }
}
