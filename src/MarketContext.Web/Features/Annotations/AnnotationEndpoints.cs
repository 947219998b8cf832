using System.Globalization;
using System.Security.Claims;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Annotations;

public static class AnnotationEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;

    private static readonly IReadOnlySet<string> NoSymbols = new HashSet<string>();

    public static IEndpointRouteBuilder MapAnnotations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/annotations").WithTags("Annotations");
        group.MapGet("/", ListAsync)
            .WithSummary("Live annotations; the X-Annotations-Seq header gives the change-log position they reflect.")
            .Produces<IReadOnlyList<Annotation>>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/changes", Changes)
            .WithSummary("Every change after afterSeq, ascending: what a client that was away needs.")
            .Produces<IReadOnlyList<AnnotationChange>>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:long}/history", HistoryAsync)
            .WithSummary("The audit trail of one annotation: who changed it when, before and after.")
            .Produces<IReadOnlyList<AnnotationAudit>>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", AddAsync).RequireEditor().CountsAgainst(WriteQuota.Annotations)
            .WithSummary("Adds an annotation; every viewer is told over SignalR. With an Idempotency-Key, a retry answers as the first request did and stores nothing.")
            .ReadsBody<AnnotationInput>("application/json")
            .Produces<Annotation>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPut("/{id:long}", UpdateAsync).RequireEditor()
            .WithSummary("Changes an annotation (its author or an admin).")
            .ReadsBody<AnnotationInput>("application/json")
            .Produces<Annotation>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapDelete("/{id:long}", DeleteAsync).RequireEditor()
            .WithSummary("Deletes an annotation (its author or an admin).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:long}/redact", RedactAsync).RequireEditor().RequireAuthorization(AuthSetup.AdminPolicy)
            .WithSummary("Admins: blanks the text of every version of an annotation, deleted ones too; the audit log records who and when.")
            .Produces<AnnotationRedacted>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapLiveHub<AnnotationHub>(AnnotationHub.Path, o =>
        {
            o.ApplicationMaxBufferSize = 32 * 1024;
            // What the connection holds for a viewer that reads slowly before the rest waits in its queue (LiveSends).
            o.TransportMaxBufferSize = 64 * 1024;
        }).LimitsLiveConnections();
        return app;
    }

    public const string LastSeqHeader = "X-Annotations-Seq";

    private static async Task<IResult> ListAsync([AsParameters] AnnotationListQuery query, HttpResponse response, AnnotationStore store, CancellationToken cancellationToken)
    {
        // Read before the list: a client that catches up from here may see a change twice, never miss one.
        response.Headers[LastSeqHeader] = (await store.LastSeqAsync(cancellationToken)).ToString(CultureInfo.InvariantCulture);
        return Results.Ok(store.StreamAsync(query.From?.Value, query.To?.Value, cancellationToken));
    }

    private static IResult Changes([AsParameters] AnnotationChangesQuery query, AnnotationStore store, CancellationToken cancellationToken) =>
        Results.Ok(store.StreamChangesAsync(query.AfterSeq?.Value ?? 0, cancellationToken));

    private static async Task<IResult> AddAsync(HttpRequest request, AnnotationStore store, PriceQueries prices,
        IOptions<MarketContextOptions> options, CancellationToken cancellationToken)
    {
        var (key, badKey) = IdempotencyKey.Read(request.HttpContext, TimeSpan.FromHours(options.Value.IdempotencyKeyHours));
        if (badKey is not null)
        {
            return badKey;
        }
        var (valid, problem) = await ReadAsync(request, prices, options.Value, cancellationToken);
        if (valid is null)
        {
            return problem!;
        }
        var (annotation, repeated) = await store.AddAsync(valid, AuthorOf(request.HttpContext), CookieSessions.UserId(request.HttpContext.User), key, cancellationToken);
        if (repeated && !IdempotencyKey.SameAs(annotation, valid))
        {
            var reused = $"This {IdempotencyKey.Header} made annotation {annotation.Id} with other content; a new annotation needs a new key.";
            return Problems.Validation(reused, [new FieldError(reused, Field: IdempotencyKey.Header)], StatusCodes.Status422UnprocessableEntity);
        }
        return Results.Created($"/api/annotations/{annotation.Id}", annotation);
    }

    private static async Task<IResult> UpdateAsync(long id, HttpRequest request, AnnotationStore store, PriceQueries prices,
        IOptions<MarketContextOptions> options, CancellationToken cancellationToken)
    {
        if (await RefuseChangeAsync(id, request.HttpContext.User, store, cancellationToken) is { } refused)
        {
            return refused;
        }
        var (valid, problem) = await ReadAsync(request, prices, options.Value, cancellationToken);
        if (valid is null)
        {
            return problem!;
        }
        var annotation = await store.UpdateAsync(id, valid, AuthorOf(request.HttpContext), cancellationToken);
        return annotation is null ? Problems.NotFound($"There is no annotation {id}.") : Results.Ok(annotation);
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, AnnotationStore store, CancellationToken cancellationToken)
    {
        if (await RefuseChangeAsync(id, context.User, store, cancellationToken) is { } refused)
        {
            return refused;
        }
        var deleted = await store.DeleteAsync(id, AuthorOf(context), cancellationToken);
        return deleted is null ? Problems.NotFound($"There is no annotation {id}.") : Results.NoContent();
    }

    private static async Task<IResult> RedactAsync(long id, HttpContext context, AnnotationStore store, CancellationToken cancellationToken)
    {
        var redacted = await store.RedactAsync(id, AuthorOf(context), cancellationToken);
        return redacted is null ? Problems.NotFound($"There is no annotation {id}, nor was there ever.") : Results.Ok(redacted);
    }

    private static async Task<(ValidAnnotation? Value, IResult? Problem)> ReadAsync(HttpRequest request, PriceQueries prices, MarketContextOptions options, CancellationToken cancellationToken)
    {
        var (input, problem) = await Problems.ReadJsonAsync<AnnotationInput>(request, MaxBodyBytes);
        if (input is null)
        {
            return (null, problem);
        }
        // Only an annotation that names a symbol needs the stored ones: most name none, and skip the round trip.
        var known = string.IsNullOrWhiteSpace(input.Symbol) ? NoSymbols : await prices.SymbolsAsync(cancellationToken);
        var (valid, errors) = AnnotationRules.Validate(input, options.MaxAnnotationLength, known);
        return valid is null
            ? (null, Problems.Validation(string.Join(" ", errors.Select(e => e.Message)), errors))
            : (valid, null);
    }

    private static async Task<IResult> HistoryAsync(long id, AnnotationStore store, CancellationToken cancellationToken)
    {
        var history = await store.HistoryAsync(id, cancellationToken);
        return history.Count == 0 ? Problems.NotFound($"There is no annotation {id}.") : Results.Ok(history);
    }

    /// <summary>Authors change their own annotations; admins change any.</summary>
    private static async Task<IResult?> RefuseChangeAsync(long id, ClaimsPrincipal user, AnnotationStore store, CancellationToken cancellationToken)
    {
        var owner = await store.OwnerAsync(id, cancellationToken);
        if (owner is null)
        {
            return Problems.NotFound($"There is no annotation {id}.");
        }
        return Roles.MayChange(user, owner.Id)
            ? null
            : Results.Problem(title: "Not yours to change", detail: $"Annotation {id} is {owner.Name}'s; only its author's own account or an admin may change it.", statusCode: StatusCodes.Status403Forbidden);
    }

    private static string AuthorOf(HttpContext context) => Roles.ActorOf(context.User);
}
