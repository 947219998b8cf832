using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace MarketContext.Web.Http.Contract;

/// <summary>
/// A bound request written back as one text per meaning: keys in order, each value in the form its parser reads
/// (<c>width=0400</c> and <c>width=400</c>, <c>log=TRUE</c> and <c>log=true</c>, <c>symbols=ERIC, NOK</c> and
/// <c>symbols=ERIC,NOK</c> are the same), keys left out skipped. What caches and ETags are keyed by: a variation of
/// the same view's spelling is the same entry, and every key the request binds is in it.
/// </summary>
public static class CanonicalQuery
{
    /// <summary>The keys and canonical values of <paramref name="request"/>'s query properties, ordered by key.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Pairs(object request) =>
        [.. request.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Key: p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name, Value: Canonical(p.GetValue(request))))
            .Where(p => p.Value is not null)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value!))];

    public static string Text(IEnumerable<KeyValuePair<string, string>> pairs) => string.Join('&', pairs.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    private static string? Canonical(object? value) => value switch
    {
        null => null,
        IQueryValue query => query.Canonical,
        string text => string.Join(',', QueryText.Items(text)),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
