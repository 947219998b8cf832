using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;

namespace MarketContext.Web.Features.Publications;

/// <summary>
/// What changed since a publication. The answer runs a published study twice (pinned and live), so the route takes a
/// drawing slot and counts against an anonymous caller's budget like the study routes do.
/// </summary>
public static class PublicationChangesEndpoints
{
    public static IEndpointRouteBuilder MapPublicationChanges(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/publications/{slug}/{number:int}/changes", ChangesAsync).WithTags("Publications").Renders().RefusesUnknownQueryKeys()
            .WithSummary("What changed since the publication, against today's data: revised and added price days, events, annotations, the study's numbers, and the live view.")
            .Produces<PublicationChangesAnswer>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ChangesAsync(string slug, int number, PublicationStore store, PublicationChanges changes, CancellationToken cancellationToken) =>
        await store.FindAsync(slug, number, cancellationToken) is { } publication
            ? Results.Ok(await changes.ListAsync(publication, cancellationToken))
            : Problems.NotFound($"There is no publication {slug}/{number}.");
}
