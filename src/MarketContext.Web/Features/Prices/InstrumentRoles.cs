using System.Text.Json;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.Prices;

/// <summary>Editors say which series are the vendors studied, which is the benchmark, and which are other context.</summary>
public static class InstrumentRoles
{
    private const long MaxBodyBytes = 1024;

    private static string Names => string.Join(", ", SeriesRoles.All.Select(SeriesRoles.Name));

    public sealed record RoleChange(SeriesRole? Role);

    /// <summary>
    /// <c>PUT /api/series/{symbol}/role</c> with <c>{"role": "vendor"|"benchmark"|"other"}</c> → the series' figures.
    /// A new benchmark makes the previous one other.
    /// </summary>
    public static async Task<IResult> SetAsync(string symbol, HttpRequest request, PriceQueries queries, SeriesRoles roles, CancellationToken cancellationToken)
    {
        if (request.ContentLength is null or > MaxBodyBytes)
        {
            return Problems.Validation("role", $"Send a JSON body of at most {MaxBodyBytes} bytes: {{\"role\": \"vendor\"}}.");
        }
        RoleChange? change;
        try
        {
            change = await request.ReadFromJsonAsync<RoleChange>(cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Problems.Validation("role", $"The body is not JSON of the form {{\"role\": \"vendor\"}} with a role of {Names}.");
        }
        if (change?.Role is not { } role)
        {
            return Problems.Validation("role", $"role must be one of {Names}.");
        }
        if (!await roles.SetAsync(symbol, role, Roles.ActorOf(request.HttpContext.User), cancellationToken))
        {
            return Problems.NotFound($"There is no series \"{symbol}\".");
        }
        return Results.Ok(await queries.SeriesAsync(symbol, cancellationToken));
    }
}
