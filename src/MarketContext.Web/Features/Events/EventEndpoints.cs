using MarketContext.Web.Http;

namespace MarketContext.Web.Features.Events;

public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", List).WithTags("Events");
        app.MapGet("/api/events/categories", () => EventCategories.All).WithTags("Events");
        return app;
    }

    private static IResult List(string? category)
    {
        var wanted = category?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var unknown = wanted.Where(c => !EventCategories.IsKnown(c)).ToList();
        if (unknown.Count > 0)
        {
            return Problems.Validation("category", $"Category {QueryValues.Quoted(unknown.Distinct())} unknown; known: {string.Join(", ", EventCategories.All.Select(c => c.Id))}.");
        }
        var events = EventCatalogue.All;
        return Results.Ok(wanted.Length == 0 ? events : events.Where(e => wanted.Contains(e.Category)).ToList());
    }
}
