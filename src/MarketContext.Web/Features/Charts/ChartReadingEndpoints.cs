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
        group.MapGet("/chart/values", (HttpContext context, ChartDataLoader loader) =>
            ReadAsync(context, loader, request => request, (request, data) => ChartReadings.Values(data, ChartOptions.Of(request)))).CountsAsRender();
        group.MapGet("/chart/overview", (HttpContext context, ChartDataLoader loader) =>
            ReadAsync(context, loader, request => request with { From = DateOnly.MinValue, To = DateOnly.MaxValue },
                (request, data) => ChartReadings.Overview(data, ChartOptions.Of(request), request.Width))).CountsAsRender();
        return group;
    }

    private static async Task<IResult> ReadAsync<T>(HttpContext context, ChartDataLoader loader, Func<ChartRequest, ChartRequest> span, Func<ChartRequest, ChartData, T> read)
    {
        var (parsed, errors) = ChartRequest.Parse(context.Request.Query);
        if (parsed is { View: ChartView.EventTime })
        {
            errors.Add(new FieldError("Values are read from the time view; the event-time view's values are in /api/chart.csv.", Field: "view"));
        }
        if (parsed is null || errors.Count > 0)
        {
            return Problems.Validation(string.Join(" ", errors.Select(e => e.Message)), errors);
        }
        // Annotations are drawn over the chart, not read from it: writing one leaves these answers as they are.
        var request = span(parsed with { Annotations = false });
        var (_, notModified) = await ChartEndpoints.RevalidateAsync(context, loader, request);
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
