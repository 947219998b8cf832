using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.SignalR;

namespace MarketContext.Web.Features.EventSets;

/// <summary>The events of a set: read at a version, add, change, delete, and promote an annotation to one.</summary>
public static class SetEventEndpoints
{
    public static IEndpointRouteBuilder MapSetEvents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/event-sets/{slug}/events").WithTags("Event sets");
        group.MapGet("/", ListAsync).WithSummary("The set's events at its current version or at ?version=N, of some stages and categories.")
            .Produces<IReadOnlyList<SetEvent>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}", ReadAsync).WithSummary("One event of the set, at its current version or at ?version=N.")
            .Produces<SetEvent>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", AddAsync).RequireEditor().WithSummary("Adds an event to the set (its owner or an admin); If-Match: the version read.")
            .ReadsBody<EventInput>("application/json")
            .Produces<SetEvent>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPut("/{id}", UpdateAsync).RequireEditor().WithSummary("Changes an event of the set (its owner or an admin); If-Match: the version read.")
            .ReadsBody<EventInput>("application/json")
            .Produces<SetEvent>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapDelete("/{id}", DeleteAsync).RequireEditor().WithSummary("Deletes an event of the set (its owner or an admin); its history stays.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        app.MapPost("/api/event-sets/{slug}/promote", PromoteAsync).RequireEditor().WithTags("Event sets")
            .WithSummary("Makes an annotation an event of the set, keeping its id in annotationId.")
            .ReadsBody<PromoteInput>("application/json")
            .Produces<SetEvent>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        app.MapSetFiles();
        return app;
    }

    private static async Task<IResult> ListAsync(string slug, [AsParameters] SetEventListQuery query, HttpResponse response, EventSetStore store, CancellationToken cancellationToken)
    {
        var set = await store.ReadAsync(slug, query.Version?.Value, cancellationToken);
        if (set is null || (set.Deleted && query.Version is null))
        {
            return Problems.NotFound($"There is no event set {slug}{(query.Version is null ? "" : " at version " + query.Version.Text)}.");
        }
        var stages = QueryText.Items(query.Stage);
        var categories = QueryText.Items(query.Category);
        response.Headers.ETag = EventSetEndpoints.Tag(set.Version);
        return Results.Ok(set.Events.Where(e => (stages.Count == 0 || stages.Contains(e.Stage ?? "")) && (categories.Count == 0 || categories.Contains(e.Category))).ToList());
    }

    private static async Task<IResult> ReadAsync(string slug, string id, [AsParameters] EventSetVersionQuery query, HttpResponse response, EventSetStore store, CancellationToken cancellationToken)
    {
        var set = await store.ReadAsync(slug, query.Version?.Value, cancellationToken);
        if (set?.Events.FirstOrDefault(e => e.Id == id) is not { } found)
        {
            return Problems.NotFound($"The event set {slug} has no event {QueryText.Quote(id)}{(query.Version is null ? "" : " at version " + query.Version.Text)}.");
        }
        response.Headers.ETag = EventSetEndpoints.Tag(set.Version);
        return Results.Ok(found);
    }

    private static async Task<IResult> AddAsync(string slug, HttpRequest request, EventSetWriter writer, IHubContext<AnnotationHub, IAnnotationClient> hub, CancellationToken cancellationToken)
    {
        var (input, problem) = await Problems.ReadJsonAsync<EventInput>(request, EventSetEndpoints.MaxBodyBytes);
        return input is null ? problem! : await WriteEventAsync(slug, input, null, request, writer, hub, cancellationToken);
    }

    private static async Task<IResult> UpdateAsync(string slug, string id, HttpRequest request, EventSetWriter writer, IHubContext<AnnotationHub, IAnnotationClient> hub, CancellationToken cancellationToken)
    {
        var (input, problem) = await Problems.ReadJsonAsync<EventInput>(request, EventSetEndpoints.MaxBodyBytes);
        if (input is null)
        {
            return problem!;
        }
        if (input.Id is { Length: > 0 } bodyId && bodyId.Trim() != id)
        {
            return Problems.Validation("id", $"The body's id {QueryText.Quote(bodyId)} is not the event {QueryText.Quote(id)} of the address; an event's id does not change.");
        }
        return await WriteEventAsync(slug, input with { Id = id }, id, request, writer, hub, cancellationToken);
    }

    private static async Task<IResult> PromoteAsync(string slug, HttpRequest request, AnnotationStore annotations, EventSetWriter writer,
        IHubContext<AnnotationHub, IAnnotationClient> hub, CancellationToken cancellationToken)
    {
        var (input, problem) = await Problems.ReadJsonAsync<PromoteInput>(request, EventSetEndpoints.MaxBodyBytes);
        if (input is null)
        {
            return problem!;
        }
        if (input.AnnotationId is not { } annotationId || await annotations.FindAsync(annotationId, cancellationToken) is not { } annotation)
        {
            return input.AnnotationId is null ? Problems.Validation("annotationId", "annotationId is required.") : Problems.NotFound($"There is no annotation {input.AnnotationId}.");
        }
        var firstLine = annotation.Text.Split('\n')[0].Trim();
        var title = firstLine.Length > 200 ? firstLine[..199] + "…" : firstLine;
        var eventInput = new EventInput(input.Id, title, "", annotation.Text, input.Category, input.Stage, [], annotation.Symbol is { } s ? [s] : [],
            annotation.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "day",
            annotation.EndDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null, null, null, [], "",
            $"From annotation {annotation.Id} by {annotation.Author}.", false, null, "", annotation.Id);
        return await WriteEventAsync(slug, eventInput, null, request, writer, hub, cancellationToken);
    }

    /// <summary>Adds (<paramref name="existingId"/> null) or replaces an event, validated against the categories of the version it joins.</summary>
    private static async Task<IResult> WriteEventAsync(string slug, EventInput input, string? existingId, HttpRequest request, EventSetWriter writer,
        IHubContext<AnnotationHub, IAnnotationClient> hub, CancellationToken cancellationToken)
    {
        List<FieldError>? errors = null;
        IResult? refusal = null;
        SetEvent? written = null;
        var result = await writer.ChangeAsync(slug, EventSetEndpoints.ExpectedVersion(request), EventSetEndpoints.ActorOf(request.HttpContext),
            ownerId => Roles.MayChange(request.HttpContext.User, ownerId), async write =>
            {
                (written, errors) = EventRules.Validate(input, [.. write.Meta.Categories.Select(c => c.Id)]);
                if (written is null)
                {
                    return null;
                }
                var current = await write.FindAsync(written.Id);
                if (existingId is null && current is not null)
                {
                    refusal = Results.Problem(title: "Conflict", detail: $"The event set {slug} already has an event {written.Id}; change it with PUT.", statusCode: StatusCodes.Status409Conflict);
                    return null;
                }
                if (existingId is not null && current is null)
                {
                    refusal = Problems.NotFound($"The event set {slug} has no event {QueryText.Quote(existingId)}.");
                    return null;
                }
                return await write.PutAsync(written, current) ? (current is null ? "event-added" : "event-updated", $"event {written.Id} {(current is null ? "added" : "updated")}") : null;
            }, cancellationToken);
        if (errors is { Count: > 0 })
        {
            return Problems.Validation(string.Join(" ", errors.Select(e => e.Message)), errors);
        }
        if (refusal is not null)
        {
            return refusal;
        }
        if (result.Outcome is not (WriteOutcome.Done or WriteOutcome.Unchanged))
        {
            return EventSetEndpoints.Refusal(result);
        }
        if (result.Outcome == WriteOutcome.Done)
        {
            await hub.Clients.All.EventSetChanged(new EventSetChanged(slug, result.Version));
        }
        request.HttpContext.Response.Headers.ETag = EventSetEndpoints.Tag(result.Version);
        return existingId is null ? Results.Created($"/api/event-sets/{slug}/events/{written!.Id}", written) : Results.Ok(written);
    }

    private static async Task<IResult> DeleteAsync(string slug, string id, HttpContext context, EventSetWriter writer, IHubContext<AnnotationHub, IAnnotationClient> hub, CancellationToken cancellationToken)
    {
        var missing = false;
        var result = await writer.ChangeAsync(slug, EventSetEndpoints.ExpectedVersion(context.Request), EventSetEndpoints.ActorOf(context),
            ownerId => Roles.MayChange(context.User, ownerId), async write =>
            {
                missing = !await write.RemoveAsync(id);
                return missing ? null : ("event-deleted", $"event {id} deleted");
            }, cancellationToken);
        if (missing)
        {
            return Problems.NotFound($"The event set {slug} has no event {QueryText.Quote(id)}.");
        }
        if (result.Outcome != WriteOutcome.Done)
        {
            return EventSetEndpoints.Refusal(result);
        }
        await hub.Clients.All.EventSetChanged(new EventSetChanged(slug, result.Version));
        return Results.NoContent();
    }
}
