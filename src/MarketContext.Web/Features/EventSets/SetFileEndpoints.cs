using System.Text;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.SignalR;

namespace MarketContext.Web.Features.EventSets;

/// <summary>What an import did (or, previewed, would do), with the ids of the events it adds and changes.</summary>
public sealed record EventImportReport(string Format, long Version, bool Stored, int Added, int Updated, int Unchanged,
    IReadOnlyList<string> AddedIds, IReadOnlyList<string> UpdatedIds);

/// <summary>A set in and out as CSV, JSON and iCalendar.</summary>
public static class SetFileEndpoints
{
    private const long MaxImportBytes = 8 * 1024 * 1024;
    private const int MostErrors = 200;

    private static readonly Dictionary<string, string> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/csv"] = "csv",
        ["application/json"] = "json",
        ["text/calendar"] = "ics",
    };

    public static IEndpointRouteBuilder MapSetFiles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/event-sets/{slug}").WithTags("Event sets");
        group.MapPost("/import", ImportAsync).RequireEditor().CountsAgainst(WriteQuota.Imports)
            .WithSummary("Adds or replaces the file's events (by id) in one new version; a file with any error is refused whole, line-numbered, storing nothing.")
            .ReadsBody("text/csv", "application/json", "text/calendar")
            .Produces<EventImportReport>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        foreach (var (extension, contentType) in new[] { ("csv", "text/csv"), ("json", "application/json"), ("ics", "text/calendar") })
        {
            group.MapGet("/export." + extension, ([AsParameters] EventSetVersionQuery query, string slug, EventSetStore store, CancellationToken cancellationToken) =>
                    ExportAsync(slug, query, extension, contentType, store, cancellationToken))
                .WithSummary($"The set's events as {extension.ToUpperInvariant()}, at its current version or at ?version=N.")
                .ProducesFile(contentType).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        }
        return app;
    }

    private static async Task<IResult> ExportAsync(string slug, EventSetVersionQuery query, string extension, string contentType, EventSetStore store, CancellationToken cancellationToken)
    {
        var set = await store.ReadAsync(slug, query.Version?.Value, cancellationToken);
        if (set is null || (set.Deleted && query.Version is null))
        {
            return Problems.NotFound($"There is no event set {slug}{(query.Version is null ? "" : " at version " + query.Version.Text)}.");
        }
        var text = extension switch
        {
            "csv" => EventCsv.Write(set.Events),
            "json" => EventJsonFile.Write(set),
            _ => EventCalendar.Write(set),
        };
        return Results.File(Encoding.UTF8.GetBytes(text), contentType + "; charset=utf-8", $"{set.Slug}-v{set.Version}.{extension}");
    }

    private static async Task<IResult> ImportAsync(string slug, [AsParameters] EventSetImportQuery query, HttpRequest request, EventSetStore store, EventSetWriter writer,
        IHubContext<AnnotationHub, IAnnotationClient> hub, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim() ?? "";
        if (!Formats.TryGetValue(mediaType, out var format))
        {
            return Results.Problem(title: "Unsupported file type", statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: $"Send the file as text/csv, application/json or text/calendar, not {QueryText.Quote(mediaType)}.");
        }
        var (bytes, tooLarge) = await ReadAsync(request, cancellationToken);
        if (bytes is null)
        {
            return tooLarge!;
        }
        var (files, errors) = format switch
        {
            "csv" => EventCsv.Read(Encoding.UTF8.GetString(bytes)),
            "json" => EventJsonFile.Read(bytes),
            _ => EventCalendar.Read(Encoding.UTF8.GetString(bytes)),
        };
        if (errors.Count == 0 && files.Count == 0)
        {
            errors.Add(new FieldError("The file holds no events.", 1));
        }
        if (errors.Count > 0)
        {
            return Refused(errors);
        }
        if (query.Preview?.Value == true)
        {
            var set = await store.ReadAsync(slug, cancellationToken: cancellationToken);
            if (set is null || set.Deleted)
            {
                return Problems.NotFound($"There is no event set {slug}.");
            }
            var (events, invalid) = Validate(files, set.Categories);
            if (invalid.Count > 0)
            {
                return Refused(invalid);
            }
            var current = set.Events.ToDictionary(e => e.Id, EventSetStore.Serialize);
            List<string> added = [.. events.Where(e => !current.ContainsKey(e.Id)).Select(e => e.Id)];
            List<string> updated = [.. events.Where(e => current.TryGetValue(e.Id, out var body) && body != EventSetStore.Serialize(e)).Select(e => e.Id)];
            return Results.Ok(new EventImportReport(format, set.Version, false, added.Count, updated.Count, events.Count - added.Count - updated.Count, added, updated));
        }
        List<FieldError> refusals = [];
        List<string> addedIds = [], updatedIds = [];
        var unchangedCount = 0;
        var result = await writer.ChangeAsync(slug, EventSetEndpoints.ExpectedVersion(request), EventSetEndpoints.ActorOf(request.HttpContext),
            ownerId => Roles.MayChange(request.HttpContext.User, ownerId), async write =>
            {
                (var events, refusals) = Validate(files, write.Meta.Categories);
                if (refusals.Count > 0)
                {
                    return null;
                }
                var current = (await write.AllAsync()).ToDictionary(e => e.Id);
                foreach (var e in events)
                {
                    var before = current.GetValueOrDefault(e.Id);
                    if (!await write.PutAsync(e, before))
                    {
                        unchangedCount++;
                    }
                    else
                    {
                        (before is null ? addedIds : updatedIds).Add(e.Id);
                    }
                }
                return addedIds.Count + updatedIds.Count == 0 ? null : ("imported", $"imported {format}: {addedIds.Count} added, {updatedIds.Count} updated, {unchangedCount} unchanged");
            }, cancellationToken);
        if (refusals.Count > 0)
        {
            return Refused(refusals);
        }
        if (result.Outcome is not (WriteOutcome.Done or WriteOutcome.Unchanged))
        {
            return EventSetEndpoints.Refusal(result);
        }
        if (result.Outcome == WriteOutcome.Done)
        {
            await hub.Clients.All.EventSetChanged(new EventSetChanged(slug, result.Version));
        }
        return Results.Ok(new EventImportReport(format, result.Version, result.Outcome == WriteOutcome.Done, addedIds.Count, updatedIds.Count, unchangedCount, addedIds, updatedIds));
    }

    /// <summary>Every event of the file checked against the set's categories, and each id once.</summary>
    private static (List<SetEvent> Events, List<FieldError> Errors) Validate(List<FileEvent> files, IReadOnlyList<SetCategory> categories)
    {
        var ids = categories.Select(c => c.Id).ToList();
        var events = new List<SetEvent>();
        var errors = new List<FieldError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var (e, problems) = EventRules.Validate(file.Input, ids, file.Line);
            errors.AddRange(problems);
            if (e is null)
            {
                continue;
            }
            if (seen.TryGetValue(e.Id, out var first))
            {
                errors.Add(new FieldError($"The id {e.Id} is already on line {first}.", file.Line, "id"));
                continue;
            }
            seen[e.Id] = file.Line;
            events.Add(e);
        }
        return (events, errors);
    }

    private static IResult Refused(List<FieldError> errors)
    {
        var shown = errors.OrderBy(e => e.Line).Take(MostErrors).ToList();
        var more = errors.Count > MostErrors ? $" (the first {MostErrors} of {errors.Count} are listed)" : "";
        return Problems.Validation($"The file was refused with {errors.Count} error(s){more}; nothing was stored. First: line {shown[0].Line}: {shown[0].Message}", shown);
    }

    private static async Task<(byte[]? Bytes, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxImportBytes)
        {
            return (null, Problems.TooLarge(MaxImportBytes));
        }
        using var body = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxImportBytes)
            {
                return (null, Problems.TooLarge(MaxImportBytes));
            }
            body.Write(chunk, 0, read);
        }
        return (body.ToArray(), null);
    }
}
