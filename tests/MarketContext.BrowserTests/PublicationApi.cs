using System.Net;
using System.Net.Http.Json;

namespace MarketContext.BrowserTests;

/// <summary>Publishing as a script does it, for arranging what the publication pages show.</summary>
public static class PublicationApi
{
    public const string ArticleChart = "symbols=ERIC,NOK&from=2019-01-01&to=2020-06-30&mode=rebased&log=false&events=all";

    public static async Task<PublishedAnswer> PublishAsync(this HttpClient api, object body)
    {
        using var response = await api.PostAsJsonAsync("/api/publications", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/publications answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<PublishedAnswer>())!;
    }
}

public sealed record PublishedAnswer(string Slug, int Number, string Url, string AltText);
