using System.Globalization;
using System.Text.Json.Serialization;

namespace MarketContext.Web.Http.Contract;

/// <summary>
/// A value of the query string as the caller sent it, and what the one parser of its kind made of it. Binding never
/// fails on these: a value that does not parse reaches validation, which names the field and says what it should
/// be, alongside every other mistake of the same request.
/// </summary>
public interface IQueryValue
{
    string Text { get; }

    /// <summary>Why the text is not a value of this kind, in the caller's words; null when it is one.</summary>
    string? Refusal(string field);

    /// <summary>The value in the one form its parser reads, whatever spelling the caller used.</summary>
    string Canonical => Text.Trim();
}

/// <summary>A whole number: optional sign and digits, nothing else.</summary>
public sealed record QueryNumber(string Text, long? Value) : IQueryValue
{
    public static bool TryParse(string? text, IFormatProvider? provider, out QueryNumber result)
    {
        text ??= "";
        result = new(text, long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null);
        return true;
    }

    public string? Refusal(string field) => Value is null ? $"{field} {QueryText.Quote(Text)} is not a whole number." : null;

    public string Canonical => Value?.ToString(CultureInfo.InvariantCulture) ?? Text;

    public static int Or(QueryNumber? number, int fallback) => number?.Value is { } value ? (int)value : fallback;
}

/// <summary>A day as <c>YYYY-MM-DD</c>, the only form of a date the API reads, in a query or a body.</summary>
public sealed record QueryDate(string Text, DateOnly? Value) : IQueryValue
{
    public static bool TryParse(string? text, IFormatProvider? provider, out QueryDate result)
    {
        text ??= "";
        result = new(text, Parse(text));
        return true;
    }

    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static string RefusalOf(string field, string text) => $"{field} {QueryText.Quote(text)} is not a date (YYYY-MM-DD).";

    public string? Refusal(string field) => Value is null ? RefusalOf(field, Text) : null;

    public string Canonical => Value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? Text;
}

/// <summary><c>true</c> or <c>false</c>, in any case.</summary>
public sealed record QueryFlag(string Text, bool? Value) : IQueryValue
{
    public static bool TryParse(string? text, IFormatProvider? provider, out QueryFlag result)
    {
        text ??= "";
        result = new(text, bool.TryParse(text, out var value) ? value : null);
        return true;
    }

    public string? Refusal(string field) => Value is null ? $"{field} {QueryText.Quote(Text)} is not true or false." : null;

    public string Canonical => Value is { } value ? (value ? "true" : "false") : Text;

    public static bool Or(QueryFlag? flag, bool fallback) => flag?.Value ?? fallback;
}

/// <summary>
/// One of an enum's names (or the name its <see cref="JsonStringEnumMemberNameAttribute"/> gives), in any case;
/// never a number, which <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would accept.
/// </summary>
public sealed record QueryChoice<TEnum>(string Text, TEnum? Value) : IQueryValue where TEnum : struct, Enum
{
    public static IReadOnlyList<string> Names { get; } =
        [.. Enum.GetValues<TEnum>().Select(NameOf)];

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryChoice<TEnum> result)
    {
        text ??= "";
        var found = Enum.GetValues<TEnum>().Where(v => string.Equals(NameOf(v), text.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        result = new(text, found.Count == 1 ? found[0] : null);
        return true;
    }

    public string? Refusal(string field) => Value is null ? $"{field} {QueryText.Quote(Text)} is not one of {string.Join(", ", Names)}." : null;

    public string Canonical => Value is { } value ? NameOf(value) : Text;

    public static TEnum Or(QueryChoice<TEnum>? choice, TEnum fallback) => choice?.Value ?? fallback;

    /// <summary>The name callers use: the JSON name when one is given, else the lower-case member name.</summary>
    public static string NameOf(TEnum value)
    {
        var member = typeof(TEnum).GetField(value.ToString());
        return member?.GetCustomAttributes(typeof(JsonStringEnumMemberNameAttribute), false).OfType<JsonStringEnumMemberNameAttribute>().FirstOrDefault()?.Name
            ?? value.ToString().ToLowerInvariant();
    }
}

public static class QueryText
{
    /// <summary>Text a caller sent, quoted and cut short: an answer never grows with the query that provoked it.</summary>
    public static string Quote(string text, int longest = 40) => "\"" + (text.Length > longest ? text[..longest] + "…" : text) + "\"";

    /// <summary>
    /// Values a caller sent, quoted for an error message: at most a few, each cut short, so that an answer
    /// never grows with the length of the query that provoked it.
    /// </summary>
    public static string Quoted(IEnumerable<string> values, int most = 5, int longest = 40)
    {
        var all = values.ToList();
        var shown = all.Take(most).Select(v => Quote(v, longest));
        var more = all.Count > most ? string.Create(CultureInfo.InvariantCulture, $" and {all.Count - most} more") : "";
        return string.Join(", ", shown) + more + (all.Count == 1 ? " is" : " are");
    }

    /// <summary>A comma-separated list: trimmed, empty items dropped, each once.</summary>
    public static List<string> Items(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];

    /// <summary>The field as the caller names it: <c>EventIds</c> → <c>eventIds</c>.</summary>
    public static string FieldName(string member) => member.Length == 0 ? member : char.ToLowerInvariant(member[0]) + member[1..];
}
