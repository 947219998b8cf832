using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Http.Contract;

namespace MarketContext.Web.Features.EventSets;

/// <summary>A set as a view's query names it: <c>slug</c> (its current version) or <c>slug@N</c> (version N).</summary>
public sealed record EventSetRef(string Slug, long? Version)
{
    public const string Field = "eventSet";

    public static readonly EventSetRef Shipped = new(ShippedSet.Slug, null);

    /// <summary>The set a query names, the shipped one when it names none; null when the text is not a set's name.</summary>
    public static EventSetRef? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Shipped;
        }
        var parts = text.Trim().Split('@');
        if (parts.Length > 2 || !SetRules.IsSlug(parts[0]))
        {
            return null;
        }
        if (parts.Length == 1)
        {
            return new EventSetRef(parts[0], null);
        }
        return long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1
            ? new EventSetRef(parts[0], version)
            : null;
    }

    public override string ToString() => Version is { } v ? $"{Slug}@{v.ToString(CultureInfo.InvariantCulture)}" : Slug;
}

/// <summary>The <c>eventSet</c> of a view's query: a set's slug, optionally pinned to a version with <c>@N</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class EventSetNameAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string text && EventSetRef.Parse(text) is null
            ? new ValidationResult($"eventSet {QueryText.Quote(text)} must be a set's slug, optionally with @version (e.g. {ShippedSet.Slug}@1).",
                [validationContext.MemberName ?? EventSetRef.Field])
            : ValidationResult.Success;
}

/// <summary>
/// A set at one version, its events in the shape the charts and studies draw and study. A version never changes once
/// written, so a view pinned to it shows the same events for as long as the set exists.
/// </summary>
public sealed record PinnedEventSet(string Slug, long Version, string Title, IReadOnlyList<EventCategory> Categories, IReadOnlyList<PolicyEvent> Events)
{
    /// <summary><c>slug@version</c>: what a permalink carries and what every cached picture of its events is keyed by.</summary>
    public string Key => $"{Slug}@{Version.ToString(CultureInfo.InvariantCulture)}";

    public bool IsShipped => Slug == ShippedSet.Slug;

    public EventCategory CategoryOf(string id) =>
        Categories.FirstOrDefault(c => c.Id == id) ?? new EventCategory(id, id, "#6B6B6B");

    public bool HasCategory(string id) => Categories.Any(c => c.Id == id);

    public PolicyEvent? Find(string id) => Events.FirstOrDefault(e => e.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
}
