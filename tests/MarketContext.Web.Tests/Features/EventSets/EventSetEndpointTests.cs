using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.EventSets;

public sealed class EventSetEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private HttpClient Client => app.Client;

    internal static object Event(string id, string title = "An event", string date = "2020-03-02", string category = "legal") =>
        new { id, title, category, date, precision = "day" };

    private async Task<string> NewSetAsync()
    {
        var slug = "set-" + Guid.NewGuid().ToString("N")[..10];
        await (await Client.PostAsJsonAsync("/api/event-sets", new { slug, title = "Dutch export rules", description = "ASML and the rules" })).JsonAsync(HttpStatusCode.Created);
        return slug;
    }

    [Fact]
    public async Task The_shipped_set_holds_exactly_the_catalogue_events_with_their_fields_at_version_1()
    {
        var set = await Client.GetJsonAsync("/api/event-sets/huawei-5g-europe");
        var catalogue = (await Client.GetJsonAsync("/api/events")).EnumerateArray().ToList();

        Assert.Equal(1, set.GetProperty("version").GetInt64());
        var events = set.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(35, events.Count);
        Assert.Equal(catalogue.Select(e => e.Str("id")), events.Select(e => e.Str("id")));
        foreach (var (shipped, stored) in catalogue.Zip(events))
        {
            foreach (var field in new[] { "title", "label", "summary", "category", "date", "endDate", "precision", "firstPublic", "confidence", "articleNote" })
            {
                Assert.Equal(shipped.GetProperty(field).GetRawText(), stored.GetProperty(field).GetRawText());
            }
            foreach (var (from, to) in new[] { ("countries", "jurisdictions"), ("companies", "companies"), ("inArticle", "inArticle"), ("articleParagraph", "articleParagraph") })
            {
                Assert.Equal(shipped.GetProperty(from).GetRawText(), stored.GetProperty(to).GetRawText());
            }
            Assert.Equal(shipped.GetProperty("sources").EnumerateArray().Select(s => s.GetString()), stored.GetProperty("sources").EnumerateArray().Select(s => s.Str("url")));
        }
        // The article's own moment: 19:44 UTC on 2020-04-09 is 15:44 in New York (summer time, UTC−4).
        var article = events.Single(e => e.Str("id") == "E31");
        Assert.Equal("2020-04-09T15:44", article.Str("announced"));
        Assert.Equal("America/New_York", article.Str("timeZone"));
        Assert.Equal(6, set.GetProperty("categories").GetArrayLength());
    }

    [Fact]
    public async Task An_event_made_public_before_its_official_date_stays_valid()
    {
        var e09 = await Client.GetJsonAsync("/api/event-sets/huawei-5g-europe/events/E09");
        Assert.Equal("2019-10-14", e09.Str("firstPublic"));
        Assert.Equal("2019-10-15", e09.Str("date"));

        var slug = await NewSetAsync();
        var copy = await (await Client.PostAsync($"/api/event-sets/{slug}/events", JsonContent.Create(e09))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(e09.GetRawText(), copy.GetRawText());
    }

    [Fact]
    public async Task Every_change_takes_a_version_and_an_old_version_reads_as_it_was()
    {
        var slug = await NewSetAsync();
        await (await Client.PostAsJsonAsync($"/api/event-sets/{slug}/events", Event("A1", "First title"))).JsonAsync(HttpStatusCode.Created);
        await (await Client.PostAsJsonAsync($"/api/event-sets/{slug}/events", Event("A2"))).JsonAsync(HttpStatusCode.Created);
        await (await Client.PutAsJsonAsync($"/api/event-sets/{slug}/events/A1", Event("A1", "Second title"))).JsonAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/event-sets/{slug}/events/A2")).StatusCode);

        var now = await Client.GetJsonAsync($"/api/event-sets/{slug}");
        Assert.Equal(5, now.GetProperty("version").GetInt64());
        Assert.Equal(["A1"], now.GetProperty("events").EnumerateArray().Select(e => e.Str("id")));
        Assert.Equal("Second title", now.GetProperty("events")[0].Str("title"));

        var v3 = await Client.GetJsonAsync($"/api/event-sets/{slug}?version=3");
        Assert.Equal(3, v3.GetProperty("version").GetInt64());
        Assert.Equal(["A1", "A2"], v3.GetProperty("events").EnumerateArray().Select(e => e.Str("id")).Order());
        Assert.Equal("First title", (await Client.GetJsonAsync($"/api/event-sets/{slug}/events/A1?version=3")).Str("title"));
        Assert.Empty((await Client.GetJsonAsync($"/api/event-sets/{slug}/events?version=1")).EnumerateArray());
        var v4 = (await Client.GetJsonAsync($"/api/event-sets/{slug}/events?version=4")).EnumerateArray().ToList();
        Assert.Equal([("A1", "Second title"), ("A2", "An event")], v4.Select(e => (e.Str("id"), e.Str("title"))).Order());

        var history = (await Client.GetJsonAsync($"/api/event-sets/{slug}/history")).EnumerateArray().ToList();
        Assert.Equal([1L, 2, 3, 4, 5], history.Select(h => h.GetProperty("version").GetInt64()));
        Assert.Equal(["created", "event-added", "event-added", "event-updated", "event-deleted"], history.Select(h => h.Str("kind")));
        var update = history[3].GetProperty("changes").EnumerateArray().Single();
        Assert.Equal("First title", update.GetProperty("before").Str("title"));
        Assert.Equal("Second title", update.GetProperty("after").Str("title"));
        Assert.Equal("editor", history[3].Str("changedBy"));
        Assert.True(history[4].GetProperty("changes")[0].IsNull("after"));

        var changes = (await Client.GetJsonAsync($"/api/event-sets/{slug}/changes?afterVersion=3")).EnumerateArray();
        Assert.Equal([4L, 5], changes.Select(c => c.GetProperty("version").GetInt64()));
    }

    [Fact]
    public async Task Deleting_a_set_keeps_its_history_and_old_versions()
    {
        var slug = await NewSetAsync();
        await (await Client.PostAsJsonAsync($"/api/event-sets/{slug}/events", Event("D1"))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/event-sets/{slug}")).StatusCode);

        await (await Client.GetAsync($"/api/event-sets/{slug}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await Client.GetJsonAsync("/api/event-sets")).EnumerateArray(), s => s.Str("slug") == slug);
        Assert.Equal("D1", (await Client.GetJsonAsync($"/api/event-sets/{slug}?version=2")).GetProperty("events")[0].Str("id"));
        Assert.Empty((await Client.GetJsonAsync($"/api/event-sets/{slug}/events?version=3")).EnumerateArray());
        Assert.Equal("deleted", (await Client.GetJsonAsync($"/api/event-sets/{slug}/history")).EnumerateArray().Last().Str("kind"));
        await (await Client.PostAsJsonAsync($"/api/event-sets/{slug}/events", Event("D2"))).ProblemAsync(HttpStatusCode.Gone);
        await (await Client.PostAsJsonAsync("/api/event-sets", new { slug, title = "again" })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("endDate", """{"id":"X1","title":"t","category":"legal","date":"2020-03-02","endDate":"2020-03-01"}""")]
    [InlineData("timeZone", """{"id":"X1","title":"t","category":"legal","date":"2020-03-02","announced":"2020-03-02T09:00","timeZone":"Mars/Olympus_Mons"}""")]
    [InlineData("sources", """{"id":"X1","title":"t","category":"legal","date":"2020-03-02","sources":[{"url":"not a url"}]}""")]
    [InlineData("announced", """{"id":"X1","title":"t","category":"legal","date":"2021-03-14","announced":"2021-03-14T02:30","timeZone":"America/New_York"}""")]
    [InlineData("category", """{"id":"X1","title":"t","category":"gossip","date":"2020-03-02"}""")]
    [InlineData("stage", """{"id":"X1","title":"t","category":"legal","date":"2020-03-02","stage":"whisper"}""")]
    [InlineData("precision", """{"id":"X1","title":"t","category":"legal","date":"2020-03-02","precision":"week"}""")]
    [InlineData("id", """{"id":"bad id!","title":"t","category":"legal","date":"2020-03-02"}""")]
    [InlineData("date", """{"id":"X1","title":"t","category":"legal","date":"02/03/2020"}""")]
    public async Task An_event_that_cannot_be_right_is_refused_naming_its_field_and_nothing_is_stored(string field, string body)
    {
        var slug = await NewSetAsync();

        var response = await Client.PostAsync($"/api/event-sets/{slug}/events", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors(), e => e.Str("field") == field);
        Assert.Equal(1, (await Client.GetJsonAsync($"/api/event-sets/{slug}")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_changes_a_set_and_only_signed_in_editors_write()
    {
        var slug = await NewSetAsync();
        using var other = app.Factory.Authorize(app.Factory.CreateClient(), "other-editor", "editor");
        using var admin = app.Factory.Authorize(app.Factory.CreateClient(), "the-admin", "admin");
        using var viewer = app.Factory.Authorize(app.Factory.CreateClient(), "a-viewer", "viewer");
        using var anonymous = app.Factory.CreateClient();

        await (await other.PostAsJsonAsync($"/api/event-sets/{slug}/events", Event("O1"))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/event-sets", new { slug = "viewer-set", title = "v" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/event-sets/{slug}/events", Event("O1"))).StatusCode);
        await (await admin.PostAsJsonAsync($"/api/event-sets/{slug}/events", Event("O1"))).JsonAsync(HttpStatusCode.Created);
        var mine = await (await other.PostAsJsonAsync("/api/event-sets", new { slug = slug + "-b", title = "Other's" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("other-editor", mine.Str("owner"));
    }

    [Fact]
    public async Task A_writer_that_read_an_older_version_is_refused_with_412()
    {
        var slug = await NewSetAsync();
        var read = await Client.GetAsync($"/api/event-sets/{slug}");
        var tag = read.Headers.ETag!.Tag;
        await (await Client.PostAsJsonAsync($"/api/event-sets/{slug}/events", Event("F1"))).JsonAsync(HttpStatusCode.Created);

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/event-sets/{slug}/events") { Content = JsonContent.Create(Event("F2")) };
        stale.Headers.TryAddWithoutValidation("If-Match", tag);
        await (await Client.SendAsync(stale)).ProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal(["F1"], (await Client.GetJsonAsync($"/api/event-sets/{slug}/events")).EnumerateArray().Select(e => e.Str("id")));
    }

    [Fact]
    public async Task Hostile_text_in_every_field_is_stored_as_text_and_answered_as_data()
    {
        var slug = await NewSetAsync();
        const string xss = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        var body = new
        {
            id = "H1",
            title = xss,
            label = xss,
            summary = xss,
            category = "legal",
            jurisdictions = new[] { xss },
            date = "2020-03-02",
            sources = new[] { new { url = "https://example.org/?q=<b>", publisher = xss, official = true } },
            notes = xss,
            articleNote = xss,
        };

        var response = await Client.PostAsJsonAsync($"/api/event-sets/{slug}/events", body);
        var raw = await response.Content.ReadAsStringAsync();

        // Data, never markup: JSON that a browser will not sniff into a page.
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var stored = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(xss, stored.Str("title"));
        Assert.Equal(xss, stored.GetProperty("sources")[0].Str("publisher"));
    }

    [Fact]
    public async Task Promoting_an_annotation_makes_an_event_that_links_to_it()
    {
        var slug = await NewSetAsync();
        var annotation = await (await Client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-09", endDate = "2020-03-13", symbol = "NOK", text = "Oil price war\nSaudi Arabia and Russia" }))
            .JsonAsync(HttpStatusCode.Created);
        var id = annotation.GetProperty("id").GetInt64();

        var promoted = await (await Client.PostAsJsonAsync($"/api/event-sets/{slug}/promote", new { annotationId = id, id = "OIL", category = "market-context", stage = "decision" }))
            .JsonAsync(HttpStatusCode.Created);

        Assert.Equal(id, promoted.GetProperty("annotationId").GetInt64());
        Assert.Equal("Oil price war", promoted.Str("title"));
        Assert.Equal("Oil price war\nSaudi Arabia and Russia", promoted.Str("summary"));
        Assert.Equal("2020-03-13", promoted.Str("endDate"));
        Assert.Equal(["NOK"], promoted.GetProperty("companies").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("OIL", (await Client.GetJsonAsync($"/api/event-sets/{slug}/events/OIL")).Str("id"));
        await (await Client.PostAsJsonAsync($"/api/event-sets/{slug}/promote", new { annotationId = 999999, id = "NONE", category = "legal" })).ProblemAsync(HttpStatusCode.NotFound);
    }
}
