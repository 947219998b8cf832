using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>Event sets arranged and checked through the API, and a set's page opened as a person would.</summary>
public static class EventSetApi
{
    /// <summary>A new set owned by the client's account, holding <paramref name="events"/>; answers its slug.</summary>
    public static async Task<string> CreateSetAsync(this HttpClient api, string title, object[] events, object[]? categories = null)
    {
        var slug = "set-" + Guid.NewGuid().ToString("N")[..10];
        using (var created = await api.PostAsJsonAsync("/api/event-sets", new { slug, title, description = "About " + title, categories }))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }
        foreach (var e in events)
        {
            using var added = await api.PostAsJsonAsync($"/api/event-sets/{slug}/events", e);
            Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        }
        return slug;
    }

    /// <summary>The set's current version and its events' ids and titles, as the server holds them.</summary>
    public static async Task<(long Version, Dictionary<string, string> Titles)> ReadSetAsync(this HttpClient api, string slug)
    {
        var set = await api.GetFromJsonAsync<JsonElement>($"/api/event-sets/{slug}");
        return (set.GetProperty("version").GetInt64(),
            set.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("title").GetString()!));
    }

    /// <summary>Signs in through the form (when an account is given), opens the set's page and waits until its script holds the set.</summary>
    public static async Task OpenSetAsync(this DashboardPage page, string slug, Account? account = null, string query = "")
    {
        if (account is not null)
        {
            await page.Page.GotoAsync($"/Login?ReturnUrl=%2FEventSets%2F{slug}");
            await page.SubmitSignInFormAsync(account.Name, account.Password);
        }
        await page.Page.GotoAsync($"/EventSets/{slug}{query}");
        await Expect(page.Page.Locator("table.set-events thead th", new() { HasText = "Actions" })).ToHaveCountAsync(1);
    }

    public static ILocator EventRow(this IPage page, string id) => page.Locator($"table.set-events tbody tr[data-event-id=\"{id}\"]");

    public static async Task<List<string>> ShownIdsAsync(this IPage page) =>
        [.. await page.Locator("table.set-events tbody tr[data-event-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.eventId)")];
}
