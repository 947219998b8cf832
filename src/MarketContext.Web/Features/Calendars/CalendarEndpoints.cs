using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.Mvc;

namespace MarketContext.Web.Features.Calendars;

/// <summary>A range of an exchange's sessions.</summary>
public sealed class SessionsQuery : IValidatableObject
{
    /// <summary>The longest range one request may ask for, in days.</summary>
    public const int MaxDays = 3700;

    [FromQuery(Name = "from"), Required(ErrorMessage = "from is required (YYYY-MM-DD)."), WellFormed, Description("First day, YYYY-MM-DD.")]
    public QueryDate? From { get; init; }

    [FromQuery(Name = "to"), Required(ErrorMessage = "to is required (YYYY-MM-DD)."), WellFormed, Description("Last day, YYYY-MM-DD; at most 3,700 days after from.")]
    public QueryDate? To { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (From?.Value is { } from && To?.Value is { } to)
        {
            if (to < from)
            {
                yield return new ValidationResult("to must not be before from.", ["to"]);
            }
            else if (to.DayNumber - from.DayNumber > MaxDays)
            {
                yield return new ValidationResult($"from … to spans more than {MaxDays:N0} days; ask for less at a time.", ["to"]);
            }
        }
    }
}

/// <summary>A calendar as the list of calendars names it.</summary>
public sealed record CalendarSummary(string Mic, string Name, string TimeZone, string Version, DateOnly From, DateOnly To);

public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendars(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendars").WithTags("Calendars");
        group.MapGet("/", () => ExchangeCalendars.All.Select(c => new CalendarSummary(c.Mic, c.Name, c.File.TimeZone, c.Version, c.First, c.Last)))
            .WithSummary("The exchange calendars: MIC, name, IANA time zone, version (a hash of the calendar's file) and the years it covers.")
            .Produces<IReadOnlyList<CalendarSummary>>();
        group.MapGet("/{mic}/sessions", Sessions)
            .WithSummary("The sessions of one exchange from one day to another (both inclusive): date, open and close with the day's UTC offset; closed days are absent.")
            .Produces<IReadOnlyList<Session>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult Sessions(string mic, [AsParameters] SessionsQuery query)
    {
        if (ExchangeCalendars.Find(mic) is not { } calendar)
        {
            return Problems.NotFound($"There is no calendar for {QueryText.Quote(mic)}; known: {string.Join(", ", ExchangeCalendars.All.Select(c => c.Mic))}.");
        }
        var (from, to) = (query.From!.Value!.Value, query.To!.Value!.Value);
        if (!calendar.Covers(from) || !calendar.Covers(to))
        {
            return Problems.Validation(calendar.Covers(from) ? "to" : "from",
                $"The {calendar.Mic} calendar covers {calendar.First:yyyy-MM-dd} to {calendar.Last:yyyy-MM-dd}; ask within those days.");
        }
        return Results.Ok(calendar.Sessions(from, to).ToList());
    }
}
