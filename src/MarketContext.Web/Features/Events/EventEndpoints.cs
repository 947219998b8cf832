using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.Mvc;

namespace MarketContext.Web.Features.Events;

/// <summary>The events of some categories.</summary>
public sealed class EventListQuery : IValidatableObject
{
    [FromQuery(Name = "category"), Description("Comma-separated categories; default: every event.")]
    public string? Category { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var unknown = QueryText.Items(Category).Where(c => !EventCategories.IsKnown(c)).ToList();
        if (unknown.Count > 0)
        {
            yield return new ValidationResult(
                $"Category {QueryText.Quoted(unknown)} unknown; known: {string.Join(", ", EventCategories.All.Select(c => c.Id))}.", ["category"]);
        }
    }
}

public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", List).WithTags("Events")
            .WithSummary("The article's events with dates, first-public day, paragraph and sources.")
            .Produces<IReadOnlyList<PolicyEvent>>().ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapGet("/api/events/categories", () => EventCategories.All).WithTags("Events")
            .WithSummary("The event categories with their colours.");
        return app;
    }

    private static IResult List([AsParameters] EventListQuery query)
    {
        var wanted = QueryText.Items(query.Category);
        var events = EventCatalogue.All;
        return Results.Ok(wanted.Count == 0 ? events : events.Where(e => wanted.Contains(e.Category)).ToList());
    }
}
