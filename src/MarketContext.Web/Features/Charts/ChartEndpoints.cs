using System.Security.Cryptography;
using System.Text;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using MarketContext.Web.Rendering;
using MarketContext.Web.Telemetry;

namespace MarketContext.Web.Features.Charts;

public static class ChartEndpoints
{
    public static IEndpointRouteBuilder MapCharts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Charts");
        // Each takes a drawing slot only to draw: a 304 and a view already in the render cache answer at once.
        group.MapGet("/chart.png", ([AsParameters] ChartQuery query, HttpContext context, ChartDataLoader loader, ChartRenderCache cache, RenderSlots slots) =>
            CachedAsync(query, context, loader, cache, slots, (request, chart) => Results.File(chart.Png, "image/png", FileName(request, chart.Symbols, chart.EventIds, "png"))))
            .AnswersPicture("The chart as PNG.", "image/png");
        group.MapGet("/chart.svg", ([AsParameters] ChartQuery query, HttpContext context, ChartDataLoader loader, RenderSlots slots) =>
            DrawAsync(query, context, loader, slots, (request, data, picture) => Results.File(Encoding.UTF8.GetBytes(picture.ToSvg()), "image/svg+xml", FileName(request, data, "svg"))))
            .AnswersPicture("The chart as SVG.", "image/svg+xml");
        group.MapGet("/chart.csv", ([AsParameters] ChartQuery query, HttpContext context, ChartDataLoader loader, RenderSlots slots) =>
            DrawAsync(query, context, loader, slots, (request, data, picture) => Results.File(Encoding.UTF8.GetBytes(picture.ToCsv()), "text/csv", FileName(request, data, "csv"))))
            .AnswersPicture("The plotted numbers as CSV.", "text/csv");
        group.MapGet("/chart/layout", ([AsParameters] ChartQuery query, HttpContext context, ChartDataLoader loader, ChartRenderCache cache, RenderSlots slots) =>
            CachedAsync(query, context, loader, cache, slots, (_, chart) => Results.Ok(chart.Layout)))
            .AnswersPicture("Where the chart's data area, markers and annotation labels are, in pixels of the image.", "application/json", typeof(ChartLayout));
        group.MapChartReadings();
        // Asked by every open page on each live change: answered from one placement per (view, seq), drawing only when
        // the view's picture is not already in the render cache (the page has just asked for it, so it nearly always is).
        group.MapGet("/chart/annotations", ([AsParameters] ChartQuery query, HttpContext context, ChartDataLoader loader, ChartRenderCache renders, AnnotationOverlayCache overlays, AnnotationStore store, RenderSlots slots) =>
            OverlayAsync(query, context, loader, renders, overlays, store, slots)).RefusesUnknownQueryKeys()
            .WithSummary("The annotation marks of a view as the renderer places them (lines, bands, label boxes, colours), at the current annotation seq.")
            .Produces<AnnotationOverlayAnswer>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapPalette();
        return app;
    }

    /// <summary>
    /// The answers of a chart route for the OpenAPI document: what it draws, a 304 for a picture the browser has,
    /// refusals, and 429/503 when drawing is rationed.
    /// </summary>
    public static RouteHandlerBuilder AnswersPicture(this RouteHandlerBuilder route, string summary, string contentType, Type? json = null) =>
        route.CountsAsRender().WithSummary(summary)
            .Produces(StatusCodes.Status200OK, json ?? typeof(Stream), contentType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>
    /// The picture and the layout of a view come from one shared render: a page asks for both with the same query,
    /// and a room of viewers asks for the same view, so each view renders once until its data changes.
    /// </summary>
    private static async Task<IResult> CachedAsync(ChartQuery query, HttpContext context, ChartDataLoader loader, ChartRenderCache cache, RenderSlots slots,
        Func<ChartRequest, RenderedChart, IResult> answer)
    {
        var (request, refused) = await loader.PinAsync(query.ToRequest(), context.RequestAborted);
        if (request is null)
        {
            return refused!;
        }
        var (version, early) = await RevalidateAsync(context, loader, query, request);
        if (early is not null)
        {
            return early;
        }
        RenderedChart chart;
        var drew = false;
        try
        {
            // Stopped only when every viewer waiting for this render has gone, not when one of them leaves.
            chart = await cache.GetOrRenderAsync(ViewKey(query, version), async stop =>
            {
                drew = true;
                return await slots.TryDrawAsync(RenderSlots.PartyOf(context), () => RenderAsync(loader, request, stop), stop) ?? throw new NoSlotException();
            }, context.RequestAborted);
        }
        catch (NoSlotException)
        {
            return RenderSlots.Busy(context);
        }
        if (!drew)
        {
            // Kept, or shared with the render another viewer started.
            context.RequestServices.GetRequiredService<MarketContextMetrics>().PictureFromCache();
        }
        return chart.Missing is { } what ? Problems.NotFound($"Not loaded or not in the catalogue: {what}.") : answer(request, chart);
    }

    private static async Task<IResult> OverlayAsync(ChartQuery query, HttpContext context, ChartDataLoader loader, ChartRenderCache renders, AnnotationOverlayCache overlays, AnnotationStore store, RenderSlots slots)
    {
        // The marks go over the picture without annotations: the same frame as the download, drawn by the page.
        var (pinned, refused) = await loader.PinAsync(query.ToRequest() with { Annotations = false }, context.RequestAborted);
        if (pinned is not { } request)
        {
            return refused!;
        }
        if (await loader.AsOfRefusalAsync(request, context.RequestAborted) is { } asOfRefusal)
        {
            return Problems.Validation("asOf", asOfRefusal);
        }
        if (await loader.AnnotationsAsOfRefusalAsync(request, context.RequestAborted) is { } seqRefusal)
        {
            return Problems.Validation("annotationsAsOf", seqRefusal);
        }
        var pictureKey = ViewKey(query, await loader.VersionAsync(request, context.RequestAborted), pictureOnly: true);
        var seq = request.AnnotationsAsOf ?? await store.LastSeqAsync(context.RequestAborted);
        var etag = $"\"{Hash($"overlay#{pictureKey}#{seq}")}\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.ToString().Split(',').Any(tag => tag.Trim() == etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        try
        {
            var answer = await MarksAsync(pictureKey, seq, request, loader, renders, overlays, store, slots);
            return answer is null ? Problems.NotFound("Not loaded or not in the catalogue: the view's series or events.") : Results.Ok(answer);
        }
        catch (NoSlotException)
        {
            return RenderSlots.Busy(context);
        }
    }

    /// <summary>The marks of a view's picture at a seq: placed once, for every viewer who asks or watches.</summary>
    internal static Task<AnnotationOverlayAnswer?> MarksAsync(string pictureKey, long seq, ChartRequest request, ChartDataLoader loader, ChartRenderCache renders,
        AnnotationOverlayCache overlays, AnnotationStore store, RenderSlots slots) =>
        overlays.GetOrPlaceAsync($"{pictureKey}#{seq}", async () =>
        {
            // Placed once for every viewer and for the pushes to watchers: drawn whoever leaves.
            var chart = await renders.GetOrRenderAsync(pictureKey, async _ =>
                await slots.TryDrawAsync(RenderSlots.Everyone, () => RenderAsync(loader, request, CancellationToken.None), CancellationToken.None) ?? throw new NoSlotException(),
                CancellationToken.None);
            return chart.Missing is null ? await PlaceAsync(store, loader, chart.Layout, request) : null;
        });

    /// <summary>
    /// The annotations of the frame and the seq they are at: those as of the view's <c>annotationsAsOf</c>, else the live
    /// ones, read until no write came between the two.
    /// </summary>
    private static async Task<AnnotationOverlayAnswer> PlaceAsync(AnnotationStore store, ChartDataLoader loader, ChartLayout layout, ChartRequest request)
    {
        if (AnnotationOverlay.Frame.Of(layout) is not { } frame)
        {
            return new AnnotationOverlayAnswer(request.AnnotationsAsOf ?? await store.LastSeqAsync(), request.Width, request.Height, layout.DataRect, []);
        }
        if (request.AnnotationsAsOf is { } asOf)
        {
            using var measured = new TextMeasure();
            var then = await loader.AnnotationsAtAsync(asOf, frame.From, frame.To);
            return new AnnotationOverlayAnswer(asOf, request.Width, request.Height, layout.DataRect, AnnotationOverlay.InTheme(AnnotationOverlay.Place(frame, then, measured), request.Theme));
        }
        while (true)
        {
            var before = await store.LastSeqAsync();
            var annotations = await store.ListAsync(frame.From, frame.To);
            if (await store.LastSeqAsync() == before)
            {
                using var measure = new TextMeasure();
                return new AnnotationOverlayAnswer(before, request.Width, request.Height, layout.DataRect, AnnotationOverlay.InTheme(AnnotationOverlay.Place(frame, annotations, measure), request.Theme));
            }
        }
    }

    /// <summary>Loads, lays out and rasterises, stopping between the steps once nobody waits for the picture.</summary>
    private static async Task<RenderedChart> RenderAsync(ChartDataLoader loader, ChartRequest request, CancellationToken cancellationToken)
    {
        var (data, missing) = await loader.LoadAsync(request, cancellationToken);
        if (missing.Count > 0)
        {
            return new RenderedChart([], EmptyLayout, string.Join(", ", missing));
        }
        cancellationToken.ThrowIfCancellationRequested();
        using var picture = ChartRenderer.Render(data, ChartOptions.Of(request, data.EventSet?.Categories));
        cancellationToken.ThrowIfCancellationRequested();
        return new RenderedChart(picture.ToPng(), picture.Layout)
        {
            Symbols = [.. data.Series.Select(s => s.Symbol)],
            EventIds = [.. data.SelectedEvents?.Select(e => e.Id) ?? []],
        };
    }

    /// <summary>No drawing slot freed up in time for a shared render: everyone waiting on it is told so.</summary>
    internal sealed class NoSlotException : Exception;

    private static async Task<IResult> DrawAsync(ChartQuery query, HttpContext context, ChartDataLoader loader, RenderSlots slots, Func<ChartRequest, ChartData, ChartPicture, IResult> answer)
    {
        var (request, refused) = await loader.PinAsync(query.ToRequest(), context.RequestAborted);
        if (request is null)
        {
            return refused!;
        }
        var (_, early) = await RevalidateAsync(context, loader, query, request);
        if (early is not null)
        {
            return early;
        }
        return await slots.TryDrawAsync(RenderSlots.PartyOf(context), async () =>
        {
            var (data, missing) = await loader.LoadAsync(request, context.RequestAborted);
            if (missing.Count > 0)
            {
                return Problems.NotFound($"Not loaded or not in the catalogue: {string.Join(", ", missing)}.");
            }
            context.RequestAborted.ThrowIfCancellationRequested();
            using var picture = ChartRenderer.Render(data, ChartOptions.Of(request, data.EventSet?.Categories));
            context.RequestAborted.ThrowIfCancellationRequested();
            return answer(request, data, picture);
        }, context.RequestAborted) ?? RenderSlots.Busy(context);
    }

    /// <summary>
    /// The same query over the same data answers the same: the ETag carries the data version, a browser that has the
    /// answer revalidates for free (304), and an import changes the version. A currency the stored FX series cannot
    /// reach is refused here, before anything is drawn.
    /// </summary>
    internal static async Task<(string Version, IResult? NotModified)> RevalidateAsync(HttpContext context, ChartDataLoader loader, ChartQuery query, ChartRequest request)
    {
        if (await loader.AsOfRefusalAsync(request, context.RequestAborted) is { } refusal)
        {
            return ("", Problems.Validation("asOf", refusal));
        }
        if (await loader.AnnotationsAsOfRefusalAsync(request, context.RequestAborted) is { } seqRefusal)
        {
            return ("", Problems.Validation("annotationsAsOf", seqRefusal));
        }
        var (version, currencyRefusal) = await loader.CheckAsync(request, context.RequestAborted);
        if (currencyRefusal is not null)
        {
            return (version, Problems.Validation("currency", currencyRefusal));
        }
        var etag = ETag(context.Request.Path, query, version);
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.ToString().Split(',').Any(tag => tag.Trim() == etag))
        {
            return (version, Results.StatusCode(StatusCodes.Status304NotModified));
        }
        return (version, null);
    }

    private static readonly ChartLayout EmptyLayout = new(new PixelBox(0, 0, 0, 0), null, null, 0, 0, []);

    private static string ETag(PathString path, ChartQuery query, string version) =>
        $"\"{Hash($"{path}?{CanonicalQuery.Text(CanonicalQuery.Pairs(query))}#{version}")}\"";

    /// <summary>
    /// What a view's picture depends on: its query, spelt one way (<see cref="CanonicalQuery"/>), without the download
    /// flag, and the data version, so the PNG and the layout of one view share a render.
    /// </summary>
    /// <remarks>With <paramref name="pictureOnly"/>, the key of the same view's picture without annotations (the page's).</remarks>
    internal static string ViewKey(ChartQuery query, string version, bool pictureOnly = false)
    {
        var pairs = CanonicalQuery.Pairs(query).Where(p => p.Key != "download" && !(pictureOnly && p.Key is "annotations" or "annotationsAsOf"));
        if (pictureOnly)
        {
            pairs = pairs.Append(KeyValuePair.Create("annotations", "false")).OrderBy(p => p.Key, StringComparer.Ordinal);
        }
        return Hash($"{CanonicalQuery.Text(pairs)}#{version}");
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20];

    internal static string? FileName(ChartRequest request, ChartData data, string extension) =>
        FileName(request, [.. data.Series.Select(s => s.Symbol)], [.. data.SelectedEvents?.Select(e => e.Id) ?? []], extension);

    /// <summary>A name that says what the file shows, e.g. <c>ERIC-NOK_2019-01-01_2020-06-30.png</c>; none unless downloading.</summary>
    internal static string? FileName(ChartRequest request, IReadOnlyList<string> symbols, IReadOnlyList<string> eventIds, string extension)
    {
        if (!request.Download)
        {
            return null;
        }
        var names = symbols.Count > 0 ? string.Join('-', symbols) : "chart";
        var span = request.View == ChartView.EventTime
            ? $"event-time_{string.Join('-', eventIds)}_pm{request.Window}"
            : $"{request.From:yyyy-MM-dd}_{request.To:yyyy-MM-dd}";
        var mode = request.Mode == ChartMode.Rebased ? "" : $"_{request.Mode.ToString().ToLowerInvariant()}";
        var log = request.Log ? "_log" : "";
        var scale = request.Scale > 1 && extension == "png" ? $"@{request.Scale}x" : "";
        return $"{names}_{span}{mode}{log}{scale}.{extension}";
    }
}
