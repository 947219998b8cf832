using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace MarketContext.Web.Http.Contract;

/// <summary>
/// A drawing route reads only the keys its typed requests bind; any other key is refused, naming it. A made-up key
/// would otherwise be ignored without the caller knowing, and make a picture look new to the render cache. The keys
/// come from the requests' own properties, so a key added to a request is known wherever that request is bound.
/// </summary>
public static class KnownQueryKeys
{
    /// <summary>Refuses a request whose query has a key none of the handler's <c>[AsParameters]</c> requests reads.</summary>
    public static TBuilder RefusesUnknownQueryKeys<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var known = Of(factory.MethodInfo);
            return context => Unknown(context.HttpContext.Request.Query, known) is { Count: > 0 } unknown
                ? ValueTask.FromResult<object?>(Refusal(unknown, known))
                : next(context);
        });

    /// <summary>The keys a request type binds: each public property's <c>[FromQuery]</c> name, else its own name.</summary>
    public static IReadOnlySet<string> Of(params Type[] requests) =>
        requests.SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The keys of <paramref name="query"/> that are not in <paramref name="known"/>, in the order sent.</summary>
    public static List<string> Unknown(IQueryCollection query, IReadOnlySet<string> known) => [.. query.Keys.Where(key => !known.Contains(key))];

    /// <summary>The refusal: a problem naming each unknown key (a few, cut short) and the keys the route reads.</summary>
    public static IResult Refusal(IReadOnlyList<string> unknown, IReadOnlySet<string> known)
    {
        var message = $"Unknown query key{(unknown.Count == 1 ? "" : "s")}: {QueryText.Quoted(unknown)} not read here; "
            + $"the keys are {string.Join(", ", known.Order(StringComparer.Ordinal))}.";
        return Problems.Validation(message, [.. unknown.Take(5).Select(key => new FieldError(message, Field: key.Length > 40 ? key[..40] : key))]);
    }

    // Binding is case-insensitive, and so is this: WIDTH=400 is the width.
    private static IReadOnlySet<string> Of(MethodInfo handler)
    {
        var parameters = handler.GetParameters();
        var named = parameters.Select(p => (p.GetCustomAttribute<FromQueryAttribute>() is { } from ? from.Name ?? p.Name : null)).OfType<string>();
        return Of([.. parameters.Where(p => p.GetCustomAttribute<AsParametersAttribute>() is not null).Select(p => p.ParameterType)])
            .Union(named, StringComparer.OrdinalIgnoreCase)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
