using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.WebUtilities;

namespace MarketContext.Web.Features.Publications;

/// <summary>
/// A view's permalink query read as the view's own route reads it: the same typed requests, the same parsers and rules,
/// and a key none of them reads refused. Refusals name the query's key as <c>query.key</c>.
/// </summary>
public static class PublishedQuery
{
    /// <summary>The keys the pins are written under, in the routes' own names.</summary>
    public const string AsOf = "asOf", EventSet = "eventSet", AnnotationsAsOf = "annotationsAsOf";

    /// <summary>Keys a publication draws its own way: both themes are stored, and nothing is a download.</summary>
    private static readonly string[] Dropped = ["theme", "download"];

    /// <summary>The query's pairs (a leading <c>?</c> is allowed) and the keys of them no request type reads.</summary>
    public static (IQueryCollection Query, List<FieldError> Errors) Parse(string text, params Type[] requests)
    {
        var query = new QueryCollection(QueryHelpers.ParseQuery(text.Trim().TrimStart('?')));
        var known = KnownQueryKeys.Of(requests);
        var unknown = KnownQueryKeys.Unknown(query, known);
        var errors = unknown.Take(5).Select(key => new FieldError(
            $"query: {QueryText.Quote(key)} is not read by this kind's view; its keys are {string.Join(", ", known.Order(StringComparer.Ordinal))}.",
            Field: "query." + (key.Length > 40 ? key[..40] : key))).ToList();
        return (query, errors);
    }

    /// <summary>One of the view's requests from the query, checked as its route checks it.</summary>
    public static T? Read<T>(IQueryCollection query, List<FieldError> errors) where T : class, new()
    {
        var (value, refused) = QueryReader.Read<T>(query);
        errors.AddRange(refused.Select(e => e with { Field = "query." + e.Field }));
        return value;
    }

    /// <summary>Whether the view's requests read this key: a pin is written only where its route reads it.</summary>
    public static bool Reads(string key, params Type[] requests) => KnownQueryKeys.Of(requests).Contains(key);

    /// <summary>
    /// The view's query spelt one way (<see cref="CanonicalQuery"/>), theme and download left out, with each pin the
    /// view's routes read written in (replacing what the publisher's query said), keys in order.
    /// </summary>
    public static string Pinned(IEnumerable<object> requests, IReadOnlyDictionary<string, string> pins)
    {
        var types = requests.Select(r => r.GetType()).ToArray();
        var pairs = requests.SelectMany(CanonicalQuery.Pairs)
            .Where(p => !Dropped.Contains(p.Key) && !pins.ContainsKey(p.Key))
            .Concat(pins.Where(p => Reads(p.Key, types)))
            .DistinctBy(p => p.Key)
            .OrderBy(p => p.Key, StringComparer.Ordinal);
        return CanonicalQuery.Text(pairs);
    }

    /// <summary>The refusal of a query as HTTP: every mistake at once, each naming its key.</summary>
    public static IResult Refused(IReadOnlyList<FieldError> errors) => Problems.Validation(string.Join(" ", errors.Select(e => e.Message)), errors);
}
