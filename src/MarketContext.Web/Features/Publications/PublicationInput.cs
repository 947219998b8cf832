using System.Text;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.Publications;

/// <summary>
/// The body of <c>POST /api/publications</c>: the view (its kind and its permalink query) and the furniture. With
/// <see cref="Slug"/>, a republication under that existing slug (its next number); without, a new slug from the title.
/// </summary>
public sealed record PublicationInput(string? Kind, string? Query, string? Title, string? Subtitle = null, string? Notes = null, string? Source = null,
    string? Byline = null, string? Licence = null, string? AltText = null, string? Slug = null);

/// <summary>The kinds by the names the API gives them.</summary>
public static class PublicationKinds
{
    private static readonly (PublicationKind Kind, string Name)[] Names =
        [(PublicationKind.Chart, "chart"), (PublicationKind.EventTime, "event-time"), (PublicationKind.Study, "study"), (PublicationKind.Aggregate, "aggregate")];

    public static string Name(PublicationKind kind) => Names.First(n => n.Kind == kind).Name;

    public static PublicationKind? Parse(string? name) =>
        Names.Where(n => string.Equals(n.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(n => (PublicationKind?)n.Kind).FirstOrDefault();

    public static string All => string.Join(", ", Names.Select(n => n.Name));
}

/// <summary>The checks on a publication's body, each refusal naming its field; and the slug a title makes.</summary>
public static class PublicationRules
{
    public const int MaxQuery = 4000, MaxTitle = 200, MaxSubtitle = 300, MaxNotes = 4000, MaxSource = 300, MaxByline = 200, MaxLicence = 200,
        MaxAltText = 2000, MaxSlug = 80;

    /// <summary>The kind and the furniture as given (alternative text still null when none was written), or every refusal.</summary>
    public static (PublicationKind? Kind, List<FieldError> Errors) Validate(PublicationInput input)
    {
        var errors = new List<FieldError>();
        var kind = PublicationKinds.Parse(input.Kind);
        if (kind is null)
        {
            errors.Add(new(string.IsNullOrWhiteSpace(input.Kind)
                ? $"kind is required: one of {PublicationKinds.All}."
                : $"kind {Quote(input.Kind)} is not one of {PublicationKinds.All}.", Field: "kind"));
        }
        if (string.IsNullOrWhiteSpace(input.Query))
        {
            errors.Add(new("query is required: the view's permalink query, e.g. symbols=ERIC,NOK&from=2019-01-01.", Field: "query"));
        }
        Text(errors, "query", input.Query, MaxQuery, lines: false);
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors.Add(new("title is required.", Field: "title"));
        }
        Text(errors, "title", input.Title, MaxTitle, lines: false);
        Text(errors, "subtitle", input.Subtitle, MaxSubtitle, lines: false);
        Text(errors, "notes", input.Notes, MaxNotes, lines: true);
        Text(errors, "source", input.Source, MaxSource, lines: false);
        Text(errors, "byline", input.Byline, MaxByline, lines: false);
        Text(errors, "licence", input.Licence, MaxLicence, lines: false);
        Text(errors, "altText", input.AltText, MaxAltText, lines: true);
        if (input.Slug is { } slug && !IsSlug(slug))
        {
            errors.Add(new($"slug {Quote(slug)} is not a publication's slug: lower-case letters, digits and single dashes, at most {MaxSlug}.", Field: "slug"));
        }
        return (errors.Count == 0 ? kind : null, errors);
    }

    /// <summary>The furniture as stored: text trimmed, empty fields left out, the alternative text given or generated.</summary>
    public static PublicationFurniture Furniture(PublicationInput input, string generatedAltText) => new(
        input.Title!.Trim(), Blank(input.Subtitle), Blank(input.Notes), Blank(input.Source), Blank(input.Byline), Blank(input.Licence),
        Blank(input.AltText) ?? generatedAltText);

    public static bool IsSlug(string slug) =>
        slug.Length is > 0 and <= MaxSlug && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);

    /// <summary>
    /// A slug from a title: the letters a–z and digits in lower case, anything else one dash, cut at a dash
    /// to at most 60 characters ("Ericsson's ADR & the UK ban" → <c>ericsson-s-adr-the-uk-ban</c>); <c>publication</c> when nothing is left.
    /// </summary>
    public static string SlugOf(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title)
        {
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(lower);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var text = slug.ToString().Trim('-');
        if (text.Length > 60)
        {
            var cut = text.LastIndexOf('-', 60);
            text = text[..(cut > 0 ? cut : 60)].Trim('-');
        }
        return text.Length == 0 ? "publication" : text;
    }

    private static void Text(List<FieldError> errors, string field, string? text, int max, bool lines)
    {
        if (text is null)
        {
            return;
        }
        if (text.Length > max)
        {
            errors.Add(new($"{field} is {text.Length:N0} characters; at most {max:N0}.", Field: field));
        }
        // Line breaks and tabs only where the text is a paragraph; no other control character is ever text.
        if (text.Any(c => char.IsControl(c) && !(lines && c is '\n' or '\r' or '\t')))
        {
            errors.Add(new(lines ? $"{field} may hold line breaks and tabs but no other control character." : $"{field} may not hold control characters.", Field: field));
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Quote(string text) => Http.Contract.QueryText.Quote(text);
}
