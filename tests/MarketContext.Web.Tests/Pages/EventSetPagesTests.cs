using System.Net;
using System.Net.Http.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Pages;

public sealed class EventSetPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Xss = "<script>alert(1)</script>";

    private HttpClient Client => app.Client;

    private async Task<string> SetAsync(params object[] events)
    {
        var slug = "page-" + Guid.NewGuid().ToString("N")[..10];
        await (await Client.PostAsJsonAsync("/api/event-sets", new { slug, title = "Set " + Xss, description = "About " + Xss })).JsonAsync(HttpStatusCode.Created);
        foreach (var e in events)
        {
            await (await Client.PostAsJsonAsync($"/api/event-sets/{slug}/events", e)).JsonAsync(HttpStatusCode.Created);
        }
        return slug;
    }

    [Fact]
    public async Task The_list_names_every_set_and_escapes_their_titles()
    {
        var slug = await SetAsync();

        var page = await Client.GetStringAsync("/EventSets");

        Assert.Contains("data-slug=\"huawei-5g-europe\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/EventSets/{slug}\"", page, StringComparison.Ordinal);
        Assert.Contains("Set &lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Xss, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_text_in_every_event_field_is_escaped_on_the_page()
    {
        var slug = await SetAsync(new
        {
            id = "H1",
            title = Xss,
            label = Xss,
            summary = Xss + "\"><img src=x onerror=alert(2)>",
            category = "legal",
            stage = "decision",
            date = "2020-03-02",
            sources = new[] { new { url = "https://example.org/?a=\"><script>alert(3)</script>", publisher = Xss, official = true } },
        });

        var page = await Client.GetStringAsync($"/EventSets/{slug}");

        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_set_page_filters_by_stage_and_category_sorts_and_keeps_an_old_version_pinned()
    {
        var slug = await SetAsync(
            new { id = "B", title = "Second", category = "legal", stage = "decision", date = "2020-03-05" },
            new { id = "A", title = "First", category = "industry", stage = "rumour", date = "2020-03-01" },
            new { id = "C", title = "Third", category = "legal", stage = "rumour", date = "2020-03-09" });
        await (await Client.PutAsJsonAsync($"/api/event-sets/{slug}/events/A", new { title = "First, renamed", category = "industry", stage = "rumour", date = "2020-03-01" })).JsonAsync();

        var rumours = await Client.GetStringAsync($"/EventSets/{slug}?stage=rumour&sort=date&desc=true");
        var legal = await Client.GetStringAsync($"/EventSets/{slug}?category=legal");
        var pinned = await Client.GetStringAsync($"/EventSets/{slug}?version=4");

        Assert.Equal(["C", "A"], EventIds(rumours));
        Assert.Equal(["B", "C"], EventIds(legal));
        Assert.Contains(">First, renamed<", rumours, StringComparison.Ordinal);
        Assert.Contains(">First<", pinned, StringComparison.Ordinal);
        Assert.Contains("data-version=\"4\"", pinned, StringComparison.Ordinal);
        Assert.Contains($"/api/event-sets/{slug}/export.csv?version=4", pinned, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/EventSets/no-such-set")).StatusCode);
    }

    private static List<string> EventIds(string page) =>
        [.. System.Text.RegularExpressions.Regex.Matches(page, "data-event-id=\"([^\"]+)\"").Select(m => m.Groups[1].Value)];
}
