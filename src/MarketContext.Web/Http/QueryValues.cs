using System.Globalization;

namespace MarketContext.Web.Http;

/// <summary>Query-string values read with a fallback when absent and a field error when malformed.</summary>
public static class QueryValues
{
    public static int Int(IQueryCollection query, string name, int fallback, int min, int max, List<FieldError> errors)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors.Add(new FieldError($"{name} \"{text}\" must be a whole number from {min} to {max}.", Field: name));
        return fallback;
    }

    public static bool Bool(IQueryCollection query, string name, bool fallback, List<FieldError> errors)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }
        if (bool.TryParse(text, out var value))
        {
            return value;
        }
        errors.Add(new FieldError($"{name} \"{text}\" is not true or false.", Field: name));
        return fallback;
    }

    public static DateOnly Date(IQueryCollection query, string name, DateOnly fallback, List<FieldError> errors)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(new FieldError($"{name} \"{text}\" is not a date (YYYY-MM-DD).", Field: name));
        return fallback;
    }

    /// <summary>
    /// Values a caller sent, quoted for an error message: at most a few, each cut short, so that an answer
    /// never grows with the length of the query that provoked it.
    /// </summary>
    public static string Quoted(IEnumerable<string> values, int most = 5, int longest = 40)
    {
        var all = values.ToList();
        var shown = all.Take(most).Select(v => "\"" + (v.Length > longest ? v[..longest] + "…" : v) + "\"");
        var more = all.Count > most ? string.Create(CultureInfo.InvariantCulture, $" and {all.Count - most} more") : "";
        return string.Join(", ", shown) + more + (all.Count == 1 ? " is" : " are");
    }
}
