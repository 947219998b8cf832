using System.Net;
using System.Net.Http.Json;

namespace MarketContext.BrowserTests;

/// <summary>The annotation API as a script uses it, for arranging and checking what the pages show.</summary>
public static class AnnotationApi
{
    public static async Task<ServerAnnotation> AddAnnotationAsync(this HttpClient api, string date, string text)
    {
        using var response = await api.PostAsJsonAsync("/api/annotations", new { date, text });
        return await ReadAsync(response, HttpStatusCode.Created);
    }

    public static async Task<ServerAnnotation> EditAnnotationAsync(this HttpClient api, long id, string date, string text)
    {
        using var response = await api.PutAsJsonAsync($"/api/annotations/{id}", new { date, text });
        return await ReadAsync(response, HttpStatusCode.OK);
    }

    public static async Task DeleteAnnotationAsync(this HttpClient api, long id)
    {
        using var response = await api.DeleteAsync($"/api/annotations/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.NoContent,
            $"DELETE annotation {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Every annotation the server holds, in the dashboard's order: by date, then id.</summary>
    public static async Task<List<ServerAnnotation>> AnnotationsAsync(this HttpClient api) =>
        await api.GetFromJsonAsync<List<ServerAnnotation>>("/api/annotations") ?? [];

    /// <summary>The seq of the latest change the server has stored: it moves with every add, edit and delete.</summary>
    public static async Task<long> LastSeqAsync(this HttpClient api)
    {
        using var response = await api.GetAsync("/api/annotations");
        response.EnsureSuccessStatusCode();
        return long.Parse(response.Headers.GetValues("X-Annotations-Seq").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<ServerAnnotation> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ServerAnnotation>())!;
    }
}

public sealed record ServerAnnotation(long Id, long Seq, string Date, string Text, string Author);
