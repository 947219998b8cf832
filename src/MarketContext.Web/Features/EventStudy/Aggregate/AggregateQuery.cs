using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.Mvc;

namespace MarketContext.Web.Features.EventStudy.Aggregate;

/// <summary>
/// The event-study query across events: which (symbol, event) pairs are members and the windows they share.
/// Members come from eventIds, dates or a category (at most one of them); none of them means every dated event.
/// <see cref="AsOf"/> is the price vintage read, null for the prices as they are now.
/// </summary>
public sealed record AggregateQuery(
    IReadOnlyList<string>? Symbols,
    string Benchmark,
    IReadOnlyList<string> EventIds,
    IReadOnlyList<DateOnly> Dates,
    string? Category,
    EventStudyParameters Parameters,
    bool Strict,
    bool BenchmarkAsked = true,
    long? AsOf = null)
{
    public const int MaxTargets = 100;
}

/// <summary>The study across events as a query: what the aggregate routes bind, validated before the handler runs.</summary>
public class AggregateStudyQuery : StudyWindowQuery
{
    [FromQuery(Name = "symbols"), Description("Comma-separated known symbols, at most 8; default: the vendors.")]
    public string? Symbols { get; init; }

    [FromQuery(Name = "eventIds"), Description("Comma-separated event ids, at most 100 (or give dates or category; none of the three: every dated event).")]
    public string? EventIds { get; init; }

    [FromQuery(Name = "dates"), Description("Comma-separated days 0 as YYYY-MM-DD, at most 100 (or give eventIds or category).")]
    public string? Dates { get; init; }

    [FromQuery(Name = "category"), Description("Every dated event of one category (or give eventIds or dates).")]
    public string? Category { get; init; }

    [FromQuery(Name = "strict"), WellFormed, Description("true: refuse with 422 when a member has too little data, instead of leaving it out.")]
    public QueryFlag? Strict { get; init; }

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = new List<Http.FieldError>();
        StudySymbols.Parse(Symbols, errors);
        foreach (var (name, items) in new[] { ("eventIds", QueryText.Items(EventIds)), ("dates", QueryText.Items(Dates)) })
        {
            if (items.Count > AggregateQuery.MaxTargets)
            {
                errors.Add(new($"At most {AggregateQuery.MaxTargets} {name} at once; {items.Count} were given.", Field: name));
            }
        }
        foreach (var text in QueryText.Items(Dates).Where(d => QueryDate.Parse(d) is null).Take(5))
        {
            errors.Add(new(QueryDate.RefusalOf("dates", text), Field: "dates"));
        }
        if (new[] { EventIds, Dates, Category }.Count(given => !string.IsNullOrWhiteSpace(given)) > 1)
        {
            errors.Add(new("Give at most one of eventIds, dates and category (none means every dated event).", Field: "eventIds"));
        }
        foreach (var error in errors)
        {
            yield return new ValidationResult(error.Message, [error.Field!]);
        }
        foreach (var error in base.Validate(validationContext))
        {
            yield return error;
        }
    }

    /// <summary>The study this query asks for, at the price vintage <c>asOf</c> stands for; call only on a query that validated.</summary>
    public AggregateQuery ToQuery(string storedBenchmark, long? asOf = null) => new(
        StudySymbols.Parse(Symbols, []), BenchmarkOr(storedBenchmark)!, QueryText.Items(EventIds),
        [.. QueryText.Items(Dates).Select(d => QueryDate.Parse(d)!.Value)],
        string.IsNullOrWhiteSpace(Category) ? null : Category.Trim(), Parameters(), QueryFlag.Or(Strict, false), BenchmarkAsked, asOf);
}

public enum AggregateCsvPart { Tests, Members }

/// <summary>The study across events as CSV: its tests, or its members.</summary>
public sealed class AggregateCsvQuery : AggregateStudyQuery
{
    [FromQuery(Name = "part"), WellFormed, Description("members: one row per member instead of the tests.")]
    public QueryChoice<AggregateCsvPart>? Part { get; init; }
}

/// <summary>The size of the study's chart.</summary>
public sealed class AggregatePictureQuery : ThemedPictureQuery
{
    protected override (int Width, int Height) DefaultSize() => (1000, 480);
}
