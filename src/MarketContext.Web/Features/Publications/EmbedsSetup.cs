using MarketContext.Web.Features.Charts;
using MarketContext.Web.Http.Contract;

namespace MarketContext.Web.Features.Publications;

/// <summary>The embeds' services and the route that writes a view's embed code; the embeds themselves are pages (<c>/embed/…</c>).</summary>
public static class EmbedsSetup
{
    public static IServiceCollection AddEmbeds(this IServiceCollection services) => services.AddSingleton<LiveEmbeds>();

    public static IEndpointRouteBuilder MapEmbeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/chart/embed-code", async ([AsParameters] ChartQuery query, HttpContext context, LiveEmbeds embeds) =>
        {
            var (view, refusal) = await embeds.ReadAsync(context.Request.Query, context.RequestAborted);
            if (view is null)
            {
                return refusal!.Problem;
            }
            var origin = $"{context.Request.Scheme}://{context.Request.Host}";
            var theme = view.Theme is null ? "" : $"&theme={view.Theme}";
            var url = $"{origin}/embed/live?{view.PictureQuery}{theme}";
            var png = origin + view.PngUrl(view.Theme);
            return Results.Ok(new EmbedCodeAnswer(url, png, view.Title, view.AltText, EmbedCode.Snippet(url, view.Title, view.AltText, png)));
        }).RefusesUnknownQueryKeys().WithTags("Embeds")
            .WithSummary("The embed code of a live chart view: a frame that sizes itself, the PNG for readers without frames, the host script. No theme: the reader's system's.")
            .Produces<EmbedCodeAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}

/// <summary>A view's embed: its address, its PNG, the words it is shown with, and the code to paste.</summary>
public sealed record EmbedCodeAnswer(string Url, string Png, string Title, string AltText, string Code);
