using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;

namespace MarketContext.Web.Features.Annotations;

public sealed record Annotation(long Id, long Seq, DateOnly Date, DateOnly? EndDate, string? Symbol, string Text, string Author, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record AnnotationChange(long Seq, string Kind, Annotation Annotation);

public sealed record AnnotationDeleted(long Id, long Seq);

/// <summary>A redaction: how many stored versions lost their text, by whom, when; Annotation is the live one, null if deleted before.</summary>
public sealed record AnnotationRedacted(long Id, long Versions, string RedactedBy, DateTime RedactedAt, Annotation? Annotation);

/// <summary>Whose an annotation is: its author's name, and their account's id (null when that account was removed).</summary>
public sealed record AnnotationOwner(string Name, long? Id);

/// <summary>One entry of an annotation's audit trail; Before is null for the addition, After for the deletion.</summary>
public sealed record AnnotationAudit(long Seq, string Kind, string ChangedBy, DateTime ChangedAt, Annotation? Before, Annotation? After);

/// <summary>What a client sends; strings so that every mistake gets its own message (read within the body's limit, then checked by <see cref="AnnotationRules"/>).</summary>
public sealed record AnnotationInput(string? Date, string? EndDate, string? Symbol, string? Text);

public sealed record ValidAnnotation(DateOnly Date, DateOnly? EndDate, string? Symbol, string Text);

public static class AnnotationRules
{
    public static (ValidAnnotation? Value, List<FieldError> Errors) Validate(AnnotationInput input, int maxLength, IReadOnlySet<string> knownSymbols)
    {
        var errors = new List<FieldError>();
        var date = ParseDate(input.Date, "date", required: true, errors);
        var endDate = ParseDate(input.EndDate, "endDate", required: false, errors);
        if (date is { } start && endDate is { } end && end < start)
        {
            errors.Add(new FieldError($"endDate {end:yyyy-MM-dd} is before date {start:yyyy-MM-dd}.", Field: "endDate"));
        }

        string? symbol = null;
        if (!string.IsNullOrWhiteSpace(input.Symbol))
        {
            symbol = input.Symbol.Trim().ToUpperInvariant();
            if (!knownSymbols.Contains(symbol))
            {
                errors.Add(new FieldError($"Unknown symbol \"{Shorten(input.Symbol)}\"; known: {string.Join(", ", knownSymbols.Order())}.", Field: "symbol"));
            }
        }

        var text = input.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add(new FieldError("text must not be empty.", Field: "text"));
        }
        else if (text.Length > maxLength)
        {
            errors.Add(new FieldError($"text has {text.Length:N0} characters; the limit is {maxLength:N0}.", Field: "text"));
        }
        else if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(new FieldError("text contains control characters.", Field: "text"));
        }

        return errors.Count == 0 ? (new ValidAnnotation(date!.Value, endDate, symbol, text), errors) : (null, errors);
    }

    private static DateOnly? ParseDate(string? value, string field, bool required, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new FieldError($"{field} is required (YYYY-MM-DD).", Field: field));
            }
            return null;
        }
        if (QueryDate.Parse(value) is { } date && date.Year is >= 1900 and <= 2200)
        {
            return date;
        }
        errors.Add(new FieldError(QueryDate.RefusalOf(field, value), Field: field));
        return null;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

/// <summary>Annotations within a span of days.</summary>
public sealed class AnnotationListQuery
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "from"), WellFormed, System.ComponentModel.Description("First day, YYYY-MM-DD.")]
    public QueryDate? From { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "to"), WellFormed, System.ComponentModel.Description("Last day, YYYY-MM-DD.")]
    public QueryDate? To { get; init; }
}

/// <summary>Where a client that was away picks up the change log.</summary>
public sealed class AnnotationChangesQuery
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "afterSeq"), WholeNumber(0, long.MaxValue), System.ComponentModel.Description("The last seq the client saw; default 0: every change.")]
    public QueryNumber? AfterSeq { get; init; }
}
