using MarketContext.Web.Http;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// What the page reads off the chart: the plotted values of the visible range (the crosshair's readout) and the
/// whole history in a strip (the navigator). Both take the chart's own query and carry its data version in their
/// ETag, so an import reaches the page on its next request. They draw nothing, so they take no drawing slot and
/// never wait behind pictures; an anonymous caller pays for them from the same budget as for pictures.
/// </summary>
public static class ChartReadingEndpoints
{
    internal static RouteGroupBuilder MapChartReadings(this RouteGroupBuilder group)
    {
        group.MapGet("/chart/values", ([AsParameters] ChartQuery query, HttpContext context, ChartDataLoader loader) =>
            ReadAsync(query, context, loader, request => request, (request, data) => ChartReadings.Values(data, ChartOptions.Of(request))))
            .Reads<ChartValues>("The values the chart plots in its mode for its visible range, with each day's change.");
        group.MapGet("/chart/overview", ([AsParameters] ChartQuery query, HttpContext context, ChartDataLoader loader) =>
            ReadAsync(query, context, loader, request => request with { From = DateOnly.MinValue, To = DateOnly.MaxValue },
                (request, data) => ChartReadings.Overview(data, ChartOptions.Of(request), request.Width)))
            .Reads<ChartOverview>("The whole history of the chart's series, decimated to the navigator's width.");
        return group;
    }

    private static RouteHandlerBuilder Reads<T>(this RouteHandlerBuilder route, string summary) =>
        route.CountsAsRender().WithSummary(summary)
            .Produces<T>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> ReadAsync<T>(ChartQuery query, HttpContext context, ChartDataLoader loader, Func<ChartRequest, ChartRequest> span, Func<ChartRequest, ChartData, T> read)
    {
        var (parsed, refused) = await loader.PinAsync(query.ToRequest(), context.RequestAborted);
        if (parsed is null)
        {
            return refused!;
        }
        if (parsed.View == ChartView.EventTime)
        {
            return Problems.Validation("view", "Values are read from the time view; the event-time view's values are in /api/chart.csv.");
        }
        // Annotations are drawn over the chart, not read from it: writing one leaves these answers as they are.
        var request = span(parsed with { Annotations = false });
        var (_, notModified) = await ChartEndpoints.RevalidateAsync(context, loader, query, request);
        if (notModified is not null)
        {
            return notModified;
        }
        var (data, missing) = await loader.LoadAsync(request, context.RequestAborted);
        return missing.Count > 0
            ? Problems.NotFound($"Not loaded or not in the catalogue: {string.Join(", ", missing)}.")
            : Results.Ok(read(request, data));
    }
}
