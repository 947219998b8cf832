using System.ComponentModel;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using MarketContext.Web.Rendering;
using Microsoft.AspNetCore.Mvc;

namespace MarketContext.Web.Features.Publications;

/// <summary>The answer to a publish: where the publication is, and the alternative text it carries (given or generated).</summary>
public sealed record PublishedAnswer(string Slug, int Number, string Url, string AltText);

/// <summary>A stored output and where to fetch it.</summary>
public sealed record PublicationDownload(string Format, string? Theme, string MediaType, string Url);

/// <summary>A publication as the API shows it: what it froze, its furniture and pins, and (one at a time) its downloads.</summary>
public sealed record PublicationView(string Slug, int Number, string Kind, string Query, string PinnedQuery, PublicationFurniture Furniture, PublicationPins Pins,
    DateTime PublishedAt, string PublishedBy, string Url, IReadOnlyList<PublicationDownload>? Downloads = null)
{
    public static PublicationView Of(Publication p, IReadOnlyList<PublicationDownload>? downloads = null) =>
        new(p.Slug, p.Number, PublicationKinds.Name(p.Kind), p.Query, p.PinnedQuery, p.Furniture, p.Pins, p.PublishedAt, p.PublishedBy, UrlOf(p.Slug, p.Number), downloads);

    public static string UrlOf(string slug, int number) => $"/p/{slug}/{number}";
}

/// <summary>How many publications the list gives.</summary>
public sealed class PublicationListQuery
{
    [FromQuery(Name = "limit"), WholeNumber(1, PublicationEndpoints.MaxListed), Description("At most this many, newest first; default 100, at most 500.")]
    public QueryNumber? Limit { get; init; }
}

/// <summary>The theme of a stored picture.</summary>
public sealed class PublicationFileQuery
{
    [FromQuery(Name = "theme"), WellFormed, Description("light (default) or dark, for the PNG and SVG.")]
    public QueryChoice<ChartTheme>? Theme { get; init; }
}

/// <summary>
/// Publish a view (editors), list and read publications, and serve what each stored when it was published: the same
/// bytes for good, cached by anyone for a year.
/// </summary>
public static class PublicationEndpoints
{
    public const long MaxBodyBytes = 64 * 1024;
    public const int MaxListed = 500;
    private const string Immutable = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapPublications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/publications").WithTags("Publications");
        group.MapPost("/", PublishAsync).RequireEditor().Renders()
            .WithSummary("Publishes a view (editors): its query pinned to the newest price vintage, its event set's version and the last annotation, every format drawn once and stored.")
            .ReadsBody<PublicationInput>("application/json")
            .Produces<PublishedAnswer>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/", ListAsync).WithSummary("The publications, newest first.")
            .Produces<IReadOnlyList<PublicationView>>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{slug}/{number:int}", ReadAsync).WithSummary("One publication: its furniture, the query it froze and its pins, and its downloads.")
            .Produces<PublicationView>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/p/{slug}/{number:int}.{format}", ServeAsync).RefusesUnknownQueryKeys().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> PublishAsync(HttpContext context, PublishedViews views, PublicationStore store, CancellationToken cancellationToken)
    {
        var (input, problem) = await Problems.ReadJsonAsync<PublicationInput>(context.Request, MaxBodyBytes);
        if (input is null)
        {
            return problem!;
        }
        var (kind, errors) = PublicationRules.Validate(input);
        if (kind is not { } valid)
        {
            return Problems.Validation(string.Join(" ", errors.Select(e => e.Message)), errors);
        }
        if (input.Slug is { } slug && !await store.ExistsAsync(slug, cancellationToken))
        {
            return Problems.Validation("slug", $"There is no publication {slug} to publish again; leave slug out to publish under a new one.");
        }
        var (view, refusal) = await views.FreezeAsync(valid, input.Query!, cancellationToken);
        if (view is null)
        {
            return refusal!;
        }
        var furniture = PublicationRules.Furniture(input, view.AltText);
        var at = store.PublishingTime();
        var publication = new NewPublication(valid, input.Query!.Trim(), view.PinnedQuery, furniture, view.Pins, at, view.Draw(furniture, at));
        var stored = await store.AddAsync(input.Slug ?? PublicationRules.SlugOf(furniture.Title), input.Slug is not null, publication,
            Roles.ActorOf(context.User), context.Connection.RemoteIpAddress?.ToString() ?? "unknown", cancellationToken);
        return Results.Created($"/api/publications/{stored.Slug}/{stored.Number}",
            new PublishedAnswer(stored.Slug, stored.Number, PublicationView.UrlOf(stored.Slug, stored.Number), furniture.AltText));
    }

    private static async Task<IResult> ListAsync([AsParameters] PublicationListQuery query, PublicationStore store, CancellationToken cancellationToken) =>
        Results.Ok((await store.ListAsync((int)QueryNumber.Or(query.Limit, 100), cancellationToken)).Select(p => PublicationView.Of(p)).ToList());

    private static async Task<IResult> ReadAsync(string slug, int number, PublicationStore store, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(slug, number, cancellationToken) is not { } publication)
        {
            return NotFound(slug, number);
        }
        var url = PublicationView.UrlOf(slug, number);
        var downloads = (await store.FormatsAsync(slug, number, cancellationToken)).Select(f => new PublicationDownload(f.Format, f.Theme.Length == 0 ? null : f.Theme,
            MediaTypes.GetValueOrDefault(f.Format, "application/octet-stream"), $"{url}.{f.Format}{(f.Theme is "" or "light" ? "" : "?theme=" + f.Theme)}")).ToList();
        return Results.Ok(PublicationView.Of(publication, downloads));
    }

    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.Ordinal)
    {
        ["png"] = "image/png",
        ["svg"] = "image/svg+xml",
        ["csv"] = "text/csv",
        ["json"] = "application/json",
        ["pdf"] = "application/pdf",
    };

    /// <summary>
    /// The stored bytes, never drawn again: a strong ETag (their SHA-256) and a year's immutable caching. A format
    /// without a theme (CSV, JSON) is the same whatever theme is asked.
    /// </summary>
    private static async Task<IResult> ServeAsync(string slug, int number, string format, [AsParameters] PublicationFileQuery query, HttpContext context,
        PublicationStore store, CancellationToken cancellationToken)
    {
        var theme = QueryChoice<ChartTheme>.Or(query.Theme, ChartTheme.Light) == ChartTheme.Dark ? "dark" : "light";
        var output = await store.OutputAsync(slug, number, format, theme, cancellationToken) ?? await store.OutputAsync(slug, number, format, "", cancellationToken);
        if (output is null)
        {
            return await store.FindAsync(slug, number, cancellationToken) is null
                ? NotFound(slug, number)
                : Problems.NotFound($"The publication {slug}/{number} has no {QueryText.Quote(format)} file.");
        }
        var etag = $"\"{output.Sha256}\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = Immutable;
        if (context.Request.Headers.IfNoneMatch.ToString().Split(',').Any(tag => tag.Trim() == etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        // The slug is letters, digits and dashes only, so it is safe in the header as it is.
        context.Response.Headers.ContentDisposition = $"inline; filename=\"{slug}-{number}.{format}\"";
        return Results.File(output.Bytes, output.MediaType);
    }

    private static IResult NotFound(string slug, int number) => Problems.NotFound($"There is no publication {slug}/{number}.");
}
