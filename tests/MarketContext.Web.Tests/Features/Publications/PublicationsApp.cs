using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MarketContext.TestSupport;
using MarketContext.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Publications;

/// <summary>
/// The event studies' random walks of QQQ, ERIC and NOK, imported at start-up, an editor's client, and an event set of
/// the editor's own with two dated events in the walks' range.
/// </summary>
public sealed class PublicationsApp : IDisposable
{
    private readonly TempFolder _folder = new();

    public PublicationsApp()
    {
        Factory = MarketContextFactory.In(_folder);
        PriceFixtures.WriteRandomWalks(Factory.PricesDirectory);
        Client = Factory.Authorize(Factory.CreateClient());
    }

    public MarketContextFactory Factory { get; }

    public HttpClient Client { get; }

    public static IReadOnlyList<DateOnly> Days => PriceFixtures.RandomWalkDays;

    public static string Day(int index) => Days[index].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A new set owned by the editor, with events E1 (day 250) and E2 (day 300) of the walks.</summary>
    public async Task<string> EventSetAsync()
    {
        var slug = "pub-" + Guid.NewGuid().ToString("N")[..10];
        await (await Client.PostAsJsonAsync("/api/event-sets", new { slug, title = "UK and Sweden decide" })).JsonAsync(HttpStatusCode.Created);
        foreach (var (id, day, label) in new[] { ("E1", 250, "UK decision"), ("E2", 300, "Sweden decision") })
        {
            await (await Client.PostAsJsonAsync($"/api/event-sets/{slug}/events",
                new { id, title = label + " on 5G vendors", label, category = "european-decision", date = Day(day), precision = "day" })).JsonAsync(HttpStatusCode.Created);
        }
        return slug;
    }

    public async Task<HttpResponseMessage> PublishAsync(object body, HttpClient? client = null) =>
        await (client ?? Client).PostAsJsonAsync("/api/publications", body);

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = await Factory.Services.GetRequiredService<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    public async Task<byte[]> BytesAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        _folder.Dispose();
    }
}
