using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using MarketContext.Web.Telemetry;
using Microsoft.AspNetCore.SignalR;
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
            .WithSummary("Adds an annotation; every viewer is told over SignalR.")
            .ReadsBody<AnnotationInput>("application/json")
            .Produces<Annotation>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
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
        app.MapHub<AnnotationHub>(AnnotationHub.Path, o => o.ApplicationMaxBufferSize = 32 * 1024);
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
        IOptions<MarketContextOptions> options, IHubContext<AnnotationHub, IAnnotationClient> hub, IAnnotationWatchers watchers, MarketContextMetrics metrics,
        CancellationToken cancellationToken)
    {
        var (valid, problem) = await ReadAsync(request, prices, options.Value, cancellationToken);
        if (valid is null)
        {
            return problem!;
        }
        var started = Stopwatch.GetTimestamp();
        var annotation = await store.AddAsync(valid, AuthorOf(request.HttpContext), CookieSessions.UserId(request.HttpContext.User), cancellationToken);
        await BroadcastAsync("added", started, options.Value, watchers, metrics, () => hub.Clients.All.AnnotationAdded(annotation));
        return Results.Created($"/api/annotations/{annotation.Id}", annotation);
    }

    private static async Task<IResult> UpdateAsync(long id, HttpRequest request, AnnotationStore store, PriceQueries prices,
        IOptions<MarketContextOptions> options, IHubContext<AnnotationHub, IAnnotationClient> hub, IAnnotationWatchers watchers, MarketContextMetrics metrics,
        CancellationToken cancellationToken)
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
        var started = Stopwatch.GetTimestamp();
        var annotation = await store.UpdateAsync(id, valid, AuthorOf(request.HttpContext), cancellationToken);
        if (annotation is null)
        {
            return Problems.NotFound($"There is no annotation {id}.");
        }
        await BroadcastAsync("updated", started, options.Value, watchers, metrics, () => hub.Clients.All.AnnotationUpdated(annotation));
        return Results.Ok(annotation);
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, AnnotationStore store, IHubContext<AnnotationHub, IAnnotationClient> hub, IAnnotationWatchers watchers,
        IOptions<MarketContextOptions> options, MarketContextMetrics metrics, CancellationToken cancellationToken)
    {
        if (await RefuseChangeAsync(id, context.User, store, cancellationToken) is { } refused)
        {
            return refused;
        }
        var started = Stopwatch.GetTimestamp();
        var deleted = await store.DeleteAsync(id, AuthorOf(context), cancellationToken);
        if (deleted is null)
        {
            return Problems.NotFound($"There is no annotation {id}.");
        }
        await BroadcastAsync("deleted", started, options.Value, watchers, metrics, () => hub.Clients.All.AnnotationDeleted(deleted));
        return Results.NoContent();
    }

    private static async Task<IResult> RedactAsync(long id, HttpContext context, AnnotationStore store, IHubContext<AnnotationHub, IAnnotationClient> hub,
        IAnnotationWatchers watchers, IOptions<MarketContextOptions> options, MarketContextMetrics metrics, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var redacted = await store.RedactAsync(id, AuthorOf(context), cancellationToken);
        if (redacted is null)
        {
            return Problems.NotFound($"There is no annotation {id}, nor was there ever.");
        }
        if (redacted.Annotation is { } live)
        {
            await BroadcastAsync("updated", started, options.Value, watchers, metrics, () => hub.Clients.All.AnnotationUpdated(live));
        }
        return Results.Ok(redacted);
    }

    /// <summary>
    /// A stored change to every viewer: the marks of each watched view first, so a page's chart shows the change on the
    /// first message it handles, then the change itself (through the Redis backplane when one is configured). Its
    /// spans sit under the request's, beside the database's; the latency is measured from the write's start.
    /// </summary>
    private static async Task BroadcastAsync(string change, long writeStarted, MarketContextOptions options, IAnnotationWatchers watchers, MarketContextMetrics metrics, Func<Task> send)
    {
        using (var broadcast = MarketContextTracing.Source.StartActivity("annotation broadcast"))
        {
            broadcast?.SetTag(MarketContextMetrics.ChangeKind, change);
            using (MarketContextTracing.Source.StartActivity("annotation marks"))
            {
                await watchers.ChangedAsync();
            }
            using (var publish = MarketContextTracing.Source.StartActivity("AnnotationHub send", ActivityKind.Producer))
            {
                // With a backplane the send is a publish to Redis, which every instance hands to its own viewers.
                publish?.SetTag("messaging.system", options.Redis is { Length: > 0 } ? "redis" : "signalr")
                    .SetTag("messaging.destination.name", AnnotationHub.Path).SetTag("messaging.operation.type", "send");
                await send();
            }
        }
        metrics.AnnotationBroadcast(change, MarketContextMetrics.Since(writeStarted));
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
