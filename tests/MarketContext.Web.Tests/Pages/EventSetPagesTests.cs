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
    public async Task The_list_counts_each_sets_events_and_offers_the_new_set_form_to_editors_only()
    {
        var slug = await SetAsync(
            new { id = "A", title = "One", category = "legal", date = "2020-03-01" },
            new { id = "B", title = "Two", category = "legal", date = "2020-03-02" });
        await Client.DeleteAsync($"/api/event-sets/{slug}/events/A");
        using var anonymous = app.Factory.CreateClient();

        var page = await Client.GetStringAsync("/EventSets");
        var anonymousPage = await anonymous.GetStringAsync("/EventSets");

        var row = page[page.IndexOf($"data-slug=\"{slug}\"", StringComparison.Ordinal)..];
        Assert.Contains("data-testid=\"event-count\">1<", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("data-testid=\"new-set-form\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"new-set-form\"", anonymousPage, StringComparison.Ordinal);
        Assert.Contains("Editors create sets.", anonymousPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_set_is_editable_live_by_its_owner_and_read_only_to_others_and_at_an_old_version()
    {
        var slug = await SetAsync(new { id = "A", title = "One", category = "legal", date = "2020-03-01" });
        using var anonymous = app.Factory.CreateClient();

        var owner = await Client.GetStringAsync($"/EventSets/{slug}");
        var viewer = await anonymous.GetStringAsync($"/EventSets/{slug}");
        var pinned = await Client.GetStringAsync($"/EventSets/{slug}?version=1");

        Assert.Equal(("true", "true"), (Attribute(owner, "data-live"), Attribute(owner, "data-can-edit")));
        Assert.Contains("data-testid=\"set-import-file\"", owner, StringComparison.Ordinal);
        Assert.Equal(("true", "false"), (Attribute(viewer, "data-live"), Attribute(viewer, "data-can-edit")));
        Assert.DoesNotContain("data-testid=\"set-import-file\"", viewer, StringComparison.Ordinal);
        Assert.Equal(("false", "false"), (Attribute(pinned, "data-live"), Attribute(pinned, "data-can-edit")));
        Assert.Contains("the set is now at version 2", pinned, StringComparison.Ordinal);
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

    private static string Attribute(string page, string name) =>
        System.Text.RegularExpressions.Regex.Match(page, $"<section class=\"event-set\"[^>]* {name}=\"([^\"]*)\"").Groups[1].Value;

    private static List<string> EventIds(string page) =>
        [.. System.Text.RegularExpressions.Regex.Matches(page, "data-event-id=\"([^\"]+)\"").Select(m => m.Groups[1].Value)];
}
