using System.Globalization;

namespace MarketContext.Web.Http.Contract;

/// <summary>
/// A moment in the history of the prices: a vintage id (a whole number from 1), or an ISO 8601 timestamp, which
/// stands for the last vintage recorded by then (a timestamp without a zone is UTC).
/// </summary>
public sealed record QueryAsOf(string Text, long? Vintage, DateTimeOffset? At) : IQueryValue
{
    public static bool TryParse(string? text, IFormatProvider? provider, out QueryAsOf result)
    {
        text = (text ?? "").Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            result = new(text, id >= 1 ? id : null, null);
            return true;
        }
        // A timestamp has a date and a time: a bare number or date is not read as one by accident.
        var at = text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : (DateTimeOffset?)null;
        result = new(text, null, at);
        return true;
    }

    public string? Refusal(string field) => Vintage is null && At is null
        ? $"{field} {QueryText.Quote(Text)} is neither a vintage id (a whole number from 1) nor an ISO 8601 timestamp such as 2026-01-31T12:00:00Z."
        : null;
}
