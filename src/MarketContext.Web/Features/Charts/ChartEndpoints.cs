using System.Security.Cryptography;
using System.Text;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.Charts;

public static class ChartEndpoints
{
    public static IEndpointRouteBuilder MapCharts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Charts");
        group.MapGet("/chart.png", (HttpContext context, ChartDataLoader loader) => DrawAsync(context, loader, (request, data, picture) =>
            Results.File(picture.ToPng(), "image/png", FileName(request, data, "png")))).Renders();
        group.MapGet("/chart.svg", (HttpContext context, ChartDataLoader loader) => DrawAsync(context, loader, (request, data, picture) =>
            Results.File(Encoding.UTF8.GetBytes(picture.ToSvg()), "image/svg+xml", FileName(request, data, "svg")))).Renders();
        group.MapGet("/chart.csv", (HttpContext context, ChartDataLoader loader) => DrawAsync(context, loader, (request, data, picture) =>
            Results.File(Encoding.UTF8.GetBytes(picture.ToCsv()), "text/csv", FileName(request, data, "csv")))).Renders();
        group.MapGet("/chart/layout", (HttpContext context, ChartDataLoader loader) => DrawAsync(context, loader, (_, _, picture) =>
            Results.Ok(picture.Layout))).Renders();
        return app;
    }

    private static async Task<IResult> DrawAsync(HttpContext context, ChartDataLoader loader, Func<ChartRequest, ChartData, ChartPicture, IResult> answer)
    {
        var (request, errors) = ChartRequest.Parse(context.Request.Query);
        if (request is null)
        {
            return Problems.Validation(string.Join(" ", errors.Select(e => e.Message)), errors);
        }

        // The same query over the same data draws the same picture: a browser that has it revalidates for free.
        var etag = ETag(context.Request, await loader.VersionAsync(request, context.RequestAborted));
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.ToString().Split(',').Any(tag => tag.Trim() == etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var (data, missing) = await loader.LoadAsync(request, context.RequestAborted);
        if (missing.Count > 0)
        {
            return Problems.NotFound($"Not loaded or not in the catalogue: {string.Join(", ", missing)}.");
        }
        using var picture = ChartRenderer.Render(data, ChartOptions.Of(request));
        return answer(request, data, picture);
    }

    private static string ETag(HttpRequest request, string version)
    {
        var query = string.Join('&', request.Query.Where(q => q.Key != "v").OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key}={q.Value}"));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{request.Path}?{query}#{version}"));
        return $"\"{Convert.ToHexString(hash)[..20]}\"";
    }

    /// <summary>A name that says what the file shows, e.g. <c>ERIC-NOK_2019-01-01_2020-06-30.png</c>; none unless downloading.</summary>
    internal static string? FileName(ChartRequest request, ChartData data, string extension)
    {
        if (!request.Download)
        {
            return null;
        }
        var symbols = data.Series.Count > 0 ? string.Join('-', data.Series.Select(s => s.Symbol)) : "chart";
        var span = request.View == ChartView.EventTime
            ? $"event-time_{string.Join('-', data.SelectedEvents?.Select(e => e.Id) ?? [])}_pm{request.Window}"
            : $"{request.From:yyyy-MM-dd}_{request.To:yyyy-MM-dd}";
        var mode = request.Mode == ChartMode.Rebased ? "" : $"_{request.Mode.ToString().ToLowerInvariant()}";
        var log = request.Log ? "_log" : "";
        var scale = request.Scale > 1 && extension == "png" ? $"@{request.Scale}x" : "";
        return $"{symbols}_{span}{mode}{log}{scale}.{extension}";
    }
}
