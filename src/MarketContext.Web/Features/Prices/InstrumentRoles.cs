using System.Text.Json;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.Prices;

/// <summary>Editors say which series are the vendors studied, which is the benchmark, and which are other context.</summary>
public static class InstrumentRoles
{
    public static readonly IReadOnlyList<string> All = ["vendor", "benchmark", "other"];

    private const long MaxBodyBytes = 1024;

    public sealed record RoleChange(string? Role);

    /// <summary><c>PUT /api/series/{symbol}/role</c> with <c>{"role": "vendor"|"benchmark"|"other"}</c> → the series' figures.</summary>
    public static async Task<IResult> SetAsync(string symbol, HttpRequest request, PriceQueries queries, CancellationToken cancellationToken)
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
            return Problems.Validation("role", "The body is not JSON of the form {\"role\": \"vendor\"}.");
        }
        if (change?.Role is not { } role || !All.Contains(role))
        {
            return Problems.Validation("role", $"role must be one of {string.Join(", ", All)}.");
        }
        if (!await queries.SetRoleAsync(symbol, role, cancellationToken))
        {
            return Problems.NotFound($"There is no series \"{symbol}\".");
        }
        return Results.Ok(await queries.SeriesAsync(symbol, cancellationToken));
    }
}
