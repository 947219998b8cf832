using System.Text.RegularExpressions;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;

namespace MarketContext.Web.Features.EventSets;

/// <summary>A category as a client sends it.</summary>
public sealed record CategoryInput(string? Id, string? Name, string? Color);

/// <summary>A set as a client sends it (the slug only when creating one).</summary>
public sealed record EventSetInput(string? Slug, string? Title, string? Description, List<CategoryInput>? Categories);

/// <summary>Promoting an annotation: the event's id in the set, its category and, optionally, its stage.</summary>
public sealed record PromoteInput(long? AnnotationId, string? Id, string? Category, string? Stage);

public static partial class SetRules
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex CategoryIdPattern();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex ColorPattern();

    public static bool IsSlug(string slug) => SlugPattern().IsMatch(slug);

    /// <summary>The set's title, description and categories; a set that names none gets the shipped set's categories.</summary>
    public static (EventSetWriter.SetMeta? Meta, List<FieldError> Errors) Validate(EventSetInput input, bool creating)
    {
        var errors = new List<FieldError>();
        if (creating && !SlugPattern().IsMatch(input.Slug ?? ""))
        {
            errors.Add(new FieldError($"slug {QueryText.Quote(input.Slug ?? "")} must be 2–63 lower-case letters, digits or '-', starting with a letter or digit.", Field: "slug"));
        }
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200 || title.Any(char.IsControl))
        {
            errors.Add(new FieldError("title is required: one line of at most 200 characters.", Field: "title"));
        }
        var description = input.Description?.Trim() ?? "";
        if (description.Length > 4000 || description.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(new FieldError("description must be at most 4,000 characters without control characters.", Field: "description"));
        }
        var categories = new List<SetCategory>();
        foreach (var (c, i) in (input.Categories ?? []).Select((c, i) => (c, i)))
        {
            var id = c?.Id?.Trim() ?? "";
            var name = c?.Name?.Trim() ?? "";
            var color = c?.Color?.Trim() ?? "";
            if (!CategoryIdPattern().IsMatch(id) || categories.Any(k => k.Id == id))
            {
                errors.Add(new FieldError($"categories[{i}].id {QueryText.Quote(id)} must be a new id of lower-case letters, digits or '-'.", Field: "categories"));
            }
            else if (name.Length is 0 or > 100 || name.Any(char.IsControl))
            {
                errors.Add(new FieldError($"categories[{i}].name is required: one line of at most 100 characters.", Field: "categories"));
            }
            else if (!ColorPattern().IsMatch(color))
            {
                errors.Add(new FieldError($"categories[{i}].color {QueryText.Quote(color)} must be #RRGGBB.", Field: "categories"));
            }
            else
            {
                categories.Add(new SetCategory(id, name, color.ToUpperInvariant()));
            }
        }
        if (input.Categories is { Count: > 50 })
        {
            errors.Add(new FieldError("categories: at most 50.", Field: "categories"));
        }
        var meta = new EventSetWriter.SetMeta(title, description, input.Categories is null ? ShippedSet.Categories : categories);
        return errors.Count == 0 ? (meta, errors) : (null, errors);
    }
}
