using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.EventStudy;

/// <summary>
/// The <c>symbols=</c> list of the event-study routes: a few known instruments. Bounded so that a long query cannot
/// ask for an unbounded answer; unknown symbols are named rather than studied as empty series.
/// </summary>
public static class StudySymbols
{
    public const int Max = 8;

    /// <summary>The symbols asked for, upper-cased and distinct; null when the query gives none. Malformed lists add errors.</summary>
    public static IReadOnlyList<string>? Parse(string? text, List<FieldError> errors, string name = "symbols")
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var symbols = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToUpperInvariant()).Distinct().ToList();
        if (symbols.Count > Max)
        {
            errors.Add(new FieldError($"At most {Max} symbols can be studied at once; {symbols.Count} were given.", Field: name));
            return symbols;
        }
        foreach (var bad in symbols.Where(s => !Instruments.IsValidSymbol(s)))
        {
            errors.Add(new FieldError($"\"{Truncated(bad)}\" is not a symbol.", Field: name));
        }
        return symbols;
    }

    /// <summary>A 404 naming every symbol no instrument is known by, or null when all are known.</summary>
    public static IResult? Unknown(IReadOnlyList<string> symbols, IReadOnlySet<string> known)
    {
        var unknown = symbols.Where(s => !known.Contains(s)).ToList();
        return unknown.Count == 0 ? null
            : Problems.NotFound($"No instrument is known as {string.Join(", ", unknown.Select(s => $"\"{s}\""))}; known: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
    }

    private static string Truncated(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
