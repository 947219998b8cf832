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

    /// <summary>
    /// Reads a JSON body, answering a clear problem instead of a bare 400 when it is not JSON or is too large. The
    /// limit counts the bytes themselves: a chunked body has no Content-Length to trust.
    /// </summary>
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
        using var body = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return (null, TooLarge(limit));
                }
                body.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }
        if (body.Length == 0)
        {
            return (null, Validation("body", "The body is empty."));
        }
        body.Position = 0;
        var json = request.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            // Syntax first, on its own: a body cut short is not valid JSON, whichever field it ends in.
            using (JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length)))
            {
            }
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, position {e.BytePositionInLine + 1})") : "";
            return (null, Validation("body", $"The body is not valid JSON{where}."));
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(body, json, request.HttpContext.RequestAborted);
            return value is null ? (null, Validation("body", "The body is empty.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, JsonProblem<T>(e));
        }
    }

    /// <summary>The field and what it should hold, in the caller's words: never the server's type names.</summary>
    internal static IResult JsonProblem<T>(JsonException e)
    {
        var field = e.Path is { Length: > 2 } path ? path[2..].Split('.', '[')[0] : null;
        var property = field is null ? null : typeof(T).GetProperties().FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            var where = e.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, position {e.BytePositionInLine + 1})") : "";
            return Validation(field ?? "body", $"The body is not valid JSON{where}.");
        }
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var expected = type == typeof(DateOnly) ? "a date as a string, \"YYYY-MM-DD\""
            : type == typeof(string) ? "text, in quotes"
            : type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(double) || type == typeof(decimal) ? "a number"
            : type == typeof(bool) ? "true or false"
            : "a value of another kind";
        return Validation(field!, $"{field} must be {expected}.");
    }
}
