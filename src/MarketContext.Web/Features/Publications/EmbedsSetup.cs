using MarketContext.Web.Features.Charts;
using MarketContext.Web.Http.Contract;

namespace MarketContext.Web.Features.Publications;

/// <summary>The embeds' services and the route that writes a view's embed code; the embeds themselves are pages (<c>/embed/…</c>).</summary>
public static class EmbedsSetup
{
    public static IServiceCollection AddEmbeds(this IServiceCollection services) => services.AddSingleton<LiveEmbeds>().AddSingleton<FrozenEmbeds>();

    public static IEndpointRouteBuilder MapEmbeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/chart/embed-code", async ([AsParameters] ChartQuery query, HttpContext context, LiveEmbeds embeds) =>
        {
            var (view, refusal) = await embeds.ReadAsync(context.Request.Query, context.RequestAborted);
            if (view is null)
            {
                return refusal!.Problem;
            }
            var theme = view.Theme is null ? "" : $"&theme={view.Theme}";
            return Answer(context, $"/embed/live?{view.PictureQuery}{theme}", view);
        }).RefusesUnknownQueryKeys().WithTags("Embeds")
            .WithSummary("The embed code of a live chart view: a frame that sizes itself, the PNG for readers without frames, the host script. No theme: the reader's system's.")
            .Produces<EmbedCodeAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/publications/{slug}/{number:int}/embed-code", async (string slug, int number, [AsParameters] EmbedThemeQuery query, HttpContext context, FrozenEmbeds embeds) =>
        {
            var theme = query.Theme ?? "";
            var (view, refusal) = await embeds.ReadAsync(slug, number, theme, context.RequestAborted);
            return view is null ? refusal!.Problem : Answer(context, $"/embed/{slug}/{number}{(view.Theme is null ? "" : "?theme=" + view.Theme)}", view);
        }).RefusesUnknownQueryKeys().WithTags("Embeds")
            .WithSummary("The embed code of a publication, frozen at its number: its stored pictures, furniture and alternative text.")
            .Produces<EmbedCodeAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult Answer(HttpContext context, string path, EmbedView view)
    {
        var origin = $"{context.Request.Scheme}://{context.Request.Host}";
        var png = origin + view.PngUrl(view.Theme ?? "light");
        return Results.Ok(new EmbedCodeAnswer(origin + path, png, view.Title, view.AltText, EmbedCode.Snippet(origin + path, view.Title, view.AltText, png)));
    }
}

/// <summary>The theme of a publication's embed.</summary>
public sealed class EmbedThemeQuery
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "theme"), System.ComponentModel.Description("light, dark, or auto (default): the reader's system's.")]
    public string? Theme { get; init; }
}

/// <summary>A view's embed: its address, its PNG, the words it is shown with, and the code to paste.</summary>
public sealed record EmbedCodeAnswer(string Url, string Png, string Title, string AltText, string Code);
