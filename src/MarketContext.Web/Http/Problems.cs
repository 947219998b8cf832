using System.Globalization;
using System.Text.Json;

namespace MarketContext.Web.Http;

public sealed record FieldError(string Message, int? Line = null, string? Field = null);

/// <summary>RFC 9457 answers with a readable title and detail; validation adds a list of errors.</summary>
public static class Problems
{
    public static IResult Validation(string detail, IEnumerable<FieldError> errors, int statusCode = StatusCodes.Status400BadRequest) =>
        Results.Problem(
            title: "The request was refused",
            detail: detail,
            statusCode: statusCode,
            extensions: new Dictionary<string, object?> { ["errors"] = errors.ToList() });

    public static IResult Validation(string field, string message) =>
        Validation(message, [new FieldError(message, Field: field)]);

    public static IResult NotFound(string detail) =>
        Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult TooLarge(long limit) =>
        Results.Problem(
            title: "The request body is too large",
            detail: $"The limit is {limit:N0} bytes ({limit / (1024.0 * 1024.0):0.#} MB).",
            statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>Reads a JSON body, answering a clear problem instead of a bare 400 when it is not JSON or is too large.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, long limit) where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Validation("body", "The body must be JSON (Content-Type: application/json)."));
        }
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }
        try
        {
            var value = await request.ReadFromJsonAsync<T>(request.HttpContext.RequestAborted);
            return value is null ? (null, Validation("body", "The body is empty.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Validation("body", $"The body is not valid JSON: {e.Message}"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }
    }

    /// <summary>An optional <c>YYYY-MM-DD</c> query value, or the problem to answer when it is not one.</summary>
    public static bool TryParseOptionalDate(string? value, string name, out DateOnly? date, out IResult? problem)
    {
        date = null;
        problem = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }
        problem = Validation(name, $"{name} \"{value}\" is not a date (YYYY-MM-DD).");
        return false;
    }
}
