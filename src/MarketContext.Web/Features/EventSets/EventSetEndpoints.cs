using System.Globalization;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.SignalR;

namespace MarketContext.Web.Features.EventSets;

/// <summary>The sets themselves: list, create, read at a version, change, delete, history and the changes feed.</summary>
public static class EventSetEndpoints
{
    internal const long MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapEventSets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/event-sets").WithTags("Event sets");
        group.MapGet("/", ListAsync).WithSummary("The event sets, each at its current version.")
            .Produces<IReadOnlyList<EventSetSummary>>();
        group.MapPost("/", CreateAsync).RequireEditor().WithSummary("Creates an event set (editors); its creator owns it.")
            .ReadsBody<EventSetInput>("application/json")
            .Produces<EventSetView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{slug}", ReadAsync).WithSummary("The set with its events, at its current version or at ?version=N.")
            .Produces<EventSetView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{slug}", UpdateAsync).RequireEditor()
            .WithSummary("Changes the set's title, description or categories (its owner or an admin); If-Match: the version read.")
            .ReadsBody<EventSetInput>("application/json")
            .Produces<EventSetView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{slug}", DeleteAsync).RequireEditor()
            .WithSummary("Deletes the set (its owner or an admin); its history and old versions stay readable.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapGet("/{slug}/history", HistoryAsync)
            .WithSummary("Every version of the set: who, when, the set's title and categories, and each changed event before and after.")
            .Produces<IReadOnlyList<EventSetVersion>>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{slug}/changes", ChangesAsync)
            .WithSummary("The versions after afterVersion, as the history gives them: what a viewer that was away needs.")
            .Produces<IReadOnlyList<EventSetVersion>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapSetEvents();
        return app;
    }

    private static async Task<IResult> ListAsync(EventSetStore store, CancellationToken cancellationToken) =>
        Results.Ok(await store.ListAsync(cancellationToken));

    private static async Task<IResult> ReadAsync(string slug, [AsParameters] EventSetVersionQuery query, HttpResponse response, EventSetStore store, CancellationToken cancellationToken)
    {
        var set = await store.ReadAsync(slug, query.Version?.Value, cancellationToken);
        if (set is null)
        {
            return Problems.NotFound(query.Version is null ? $"There is no event set {slug}." : $"The event set {slug} has no version {query.Version.Text}.");
        }
        if (set.Deleted && query.Version is null)
        {
            return Problems.NotFound($"The event set {slug} was deleted at version {set.Version}; its history and older versions stay readable.");
        }
        response.Headers.ETag = Tag(set.Version);
        return Results.Ok(set);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, EventSetWriter writer, EventSetStore store, CancellationToken cancellationToken)
    {
        var (input, problem) = await Problems.ReadJsonAsync<EventSetInput>(request, MaxBodyBytes);
        if (input is null)
        {
            return problem!;
        }
        var (meta, errors) = SetRules.Validate(input, creating: true);
        if (meta is null)
        {
            return Problems.Validation(string.Join(" ", errors.Select(e => e.Message)), errors);
        }
        var result = await writer.CreateAsync(input.Slug!, meta, ActorOf(request.HttpContext), CookieSessions.UserId(request.HttpContext.User), [], "created", cancellationToken);
        if (result.Outcome != WriteOutcome.Done)
        {
            return Refusal(result);
        }
        var set = await store.ReadAsync(input.Slug!, cancellationToken: cancellationToken);
        request.HttpContext.Response.Headers.ETag = Tag(set!.Version);
        return Results.Created($"/api/event-sets/{set.Slug}", set);
    }

    private static async Task<IResult> UpdateAsync(string slug, HttpRequest request, EventSetWriter writer, EventSetStore store,
        IHubContext<AnnotationHub, IAnnotationClient> hub, CancellationToken cancellationToken)
    {
        var (input, problem) = await Problems.ReadJsonAsync<EventSetInput>(request, MaxBodyBytes);
        if (input is null)
        {
            return problem!;
        }
        var (meta, errors) = SetRules.Validate(input, creating: false);
        if (meta is null)
        {
            return Problems.Validation(string.Join(" ", errors.Select(e => e.Message)), errors);
        }
        string? refusal = null;
        var result = await writer.ChangeAsync(slug, ExpectedVersion(request), ActorOf(request.HttpContext), ownerId => Roles.MayChange(request.HttpContext.User, ownerId), async write =>
        {
            var next = input.Categories is null ? meta with { Categories = write.Meta.Categories } : meta;
            var used = (await write.AllAsync()).Select(e => e.Category).Distinct().Where(c => next.Categories.All(k => k.Id != c)).ToList();
            if (used.Count > 0)
            {
                refusal = $"categories: {string.Join(", ", used)} still has events; move or delete them first.";
                return null;
            }
            if (next == write.Meta || (next.Title == write.Meta.Title && next.Description == write.Meta.Description && next.Categories.SequenceEqual(write.Meta.Categories)))
            {
                return null;
            }
            write.Meta = next;
            return ("updated", "set updated");
        }, cancellationToken);
        if (refusal is not null)
        {
            return Problems.Validation("categories", refusal);
        }
        return await AnswerAsync(slug, result, store, hub, request.HttpContext.Response, cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(string slug, HttpContext context, EventSetWriter writer, IHubContext<AnnotationHub, IAnnotationClient> hub, CancellationToken cancellationToken)
    {
        var result = await writer.ChangeAsync(slug, ExpectedVersion(context.Request), ActorOf(context), ownerId => Roles.MayChange(context.User, ownerId), async write =>
        {
            await write.DeleteSetAsync();
            return ("deleted", "set deleted");
        }, cancellationToken);
        if (result.Outcome != WriteOutcome.Done)
        {
            return Refusal(result);
        }
        await hub.Clients.All.EventSetChanged(new EventSetChanged(slug, result.Version));
        return Results.NoContent();
    }

    private static async Task<IResult> HistoryAsync(string slug, EventSetStore store, CancellationToken cancellationToken) =>
        await store.HistoryAsync(slug, 0, cancellationToken) is { } history ? Results.Ok(history) : Problems.NotFound($"There is no event set {slug}.");

    private static async Task<IResult> ChangesAsync(string slug, [AsParameters] EventSetChangesQuery query, EventSetStore store, CancellationToken cancellationToken) =>
        await store.HistoryAsync(slug, query.AfterVersion?.Value ?? 0, cancellationToken) is { } changes ? Results.Ok(changes) : Problems.NotFound($"There is no event set {slug}.");

    /// <summary>After a write: the refusal, or the set as the write left it, with every viewer told of its new version.</summary>
    internal static async Task<IResult> AnswerAsync(string slug, WriteResult result, EventSetStore store, IHubContext<AnnotationHub, IAnnotationClient> hub,
        HttpResponse response, CancellationToken cancellationToken)
    {
        if (result.Outcome is not (WriteOutcome.Done or WriteOutcome.Unchanged))
        {
            return Refusal(result);
        }
        if (result.Outcome == WriteOutcome.Done)
        {
            await hub.Clients.All.EventSetChanged(new EventSetChanged(slug, result.Version));
        }
        var set = await store.ReadAsync(slug, result.Version, cancellationToken);
        response.Headers.ETag = Tag(result.Version);
        return Results.Ok(set);
    }

    internal static IResult Refusal(WriteResult result) => result.Outcome switch
    {
        WriteOutcome.NotFound => Problems.NotFound(result.Message),
        WriteOutcome.Gone => Results.Problem(title: "Deleted", detail: result.Message, statusCode: StatusCodes.Status410Gone),
        WriteOutcome.Forbidden => Results.Problem(title: "Not yours to change", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
        WriteOutcome.Stale => Results.Problem(title: "The set changed since you read it", detail: result.Message, statusCode: StatusCodes.Status412PreconditionFailed),
        _ => Results.Problem(title: "Conflict", detail: result.Message, statusCode: StatusCodes.Status409Conflict),
    };

    /// <summary>The version the writer read, from <c>If-Match: "N"</c>; none means the change applies to whatever version is current.</summary>
    internal static long? ExpectedVersion(HttpRequest request)
    {
        var tag = request.Headers.IfMatch.ToString().Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal))
        {
            tag = tag[2..];
        }
        return long.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }

    internal static string Tag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    internal static string ActorOf(HttpContext context) => Roles.ActorOf(context.User);
}
