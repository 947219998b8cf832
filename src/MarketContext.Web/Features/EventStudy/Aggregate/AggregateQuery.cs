using System.Globalization;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.EventStudy.Aggregate;

/// <summary>
/// The event-study query across events: which (symbol, event) pairs are members and the windows they share.
/// Members come from eventIds, dates or a category (at most one of them); none of them means every dated event.
/// </summary>
public sealed record AggregateQuery(
    IReadOnlyList<string>? Symbols,
    string Benchmark,
    IReadOnlyList<string> EventIds,
    IReadOnlyList<DateOnly> Dates,
    string? Category,
    EventStudyParameters Parameters,
    bool Strict)
{
    public const int MaxSide = 30, MinEstimation = 30, MaxEstimation = 500, MaxGap = 250, MaxTargets = 100;

    /// <param name="defaultBenchmark">The benchmark when the query names none: the series whose role is benchmark, if any.</param>
    public static (AggregateQuery? Query, List<FieldError> Errors) Parse(IQueryCollection query, string? defaultBenchmark)
    {
        var errors = new List<FieldError>();
        var symbols = StudySymbols.Parse(query, errors);
        var benchmark = query["benchmark"].ToString().Trim().ToUpperInvariant();
        benchmark = benchmark.Length == 0 ? defaultBenchmark?.ToUpperInvariant() ?? "" : benchmark;
        if (benchmark.Length == 0)
        {
            errors.Add(Prices.SeriesRoles.NoBenchmark);
        }
        else if (!Prices.Instruments.IsValidSymbol(benchmark))
        {
            errors.Add(new FieldError("benchmark is not a symbol.", Field: "benchmark"));
        }

        var eventIds = List(query, "eventIds", errors);
        var dateTexts = List(query, "dates", errors);
        var dates = new List<DateOnly>();
        foreach (var text in dateTexts)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                dates.Add(date);
            }
            else
            {
                errors.Add(new FieldError($"dates: \"{(text.Length > 20 ? text[..20] + "…" : text)}\" is not a date (YYYY-MM-DD).", Field: "dates"));
            }
        }
        var category = query["category"].ToString().Trim() is { Length: > 0 } c ? c : null;
        if (new[] { eventIds.Count > 0, dateTexts.Count > 0, category is not null }.Count(given => given) > 1)
        {
            errors.Add(new FieldError("Give at most one of eventIds, dates and category (none means every dated event).", Field: "eventIds"));
        }

        var returnsText = query["returns"].ToString();
        var returns = ReturnKind.Simple;
        if (returnsText.Length > 0 && !(Enum.TryParse(returnsText, ignoreCase: true, out returns) && Enum.IsDefined(returns)))
        {
            errors.Add(new FieldError("returns must be simple or log.", Field: "returns"));
        }
        var parameters = new EventStudyParameters(
            QueryValues.Int(query, "pre", 5, 0, MaxSide, errors),
            QueryValues.Int(query, "post", 5, 0, MaxSide, errors),
            QueryValues.Int(query, "estimation", 120, MinEstimation, MaxEstimation, errors),
            QueryValues.Int(query, "gap", 10, 0, MaxGap, errors),
            returns);
        if (errors.Count == 0 && parameters.Pre > parameters.Gap)
        {
            errors.Add(new FieldError(
                $"pre ({parameters.Pre}) must not exceed gap ({parameters.Gap}): the event window would reach into the estimation window, which ends at day -{parameters.Gap + 1}.",
                Field: "pre"));
        }
        var strict = QueryValues.Bool(query, "strict", false, errors);
        return errors.Count == 0
            ? (new AggregateQuery(symbols, benchmark, eventIds, dates, category, parameters, strict), errors)
            : (null, errors);
    }

    private static List<string> List(IQueryCollection query, string name, List<FieldError> errors)
    {
        var items = query[name].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (items.Count > MaxTargets)
        {
            errors.Add(new FieldError($"At most {MaxTargets} {name} at once; {items.Count} were given.", Field: name));
        }
        return items;
    }
}
