using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MarketContext.TestSupport;

public static class Api
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url)).JsonAsync(expected);

    /// <summary>An RFC 9457 answer with the status, a title and (for validation) a list of errors.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    public static IEnumerable<JsonElement> Errors(this JsonElement problem) => problem.GetProperty("errors").EnumerateArray();

    public static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    public static JsonContent Json(object value) => JsonContent.Create(value);

    public static string? Str(this JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetString();

    public static bool IsNull(this JsonElement element, string name) => element.GetProperty(name).ValueKind == JsonValueKind.Null;
}
