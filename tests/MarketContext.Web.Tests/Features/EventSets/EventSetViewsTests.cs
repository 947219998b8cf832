using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.EventSets;

/// <summary>One app over 18 months of random-walk prices for ERIC, NOK and QQQ, with an editor's client, shared by the set views' tests.</summary>
public sealed class EventSetViewsFixture : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;

    public EventSetViewsFixture()
    {
        _factory = MarketContextFactory.In(_folder);
        PriceFixtures.WriteRandomWalks(_factory.PricesDirectory);
        Client = _factory.Authorize(_factory.CreateClient());
    }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }
}

public sealed class EventSetViewsTests(EventSetViewsFixture app) : IClassFixture<EventSetViewsFixture>
{
    private const string Range = "from=2020-01-02&to=2020-06-30&symbols=ERIC,NOK&annotations=false&width=900&height=450";
    private HttpClient Client => app.Client;

    private static object Event(string id, string date, string title = "An event", string? label = null, string category = "legal") =>
        new { id, title, label, category, date, precision = "day" };

    /// <summary>A new set (version 1, no events) with these events added one by one: version 1 + the number of events.</summary>
    private async Task<string> SetWithAsync(object? categories, params object[] events)
    {
        var slug = "views-" + Guid.NewGuid().ToString("N")[..10];
        await (await Client.PostAsJsonAsync("/api/event-sets", new { slug, title = "Dutch export rules", description = "ASML", categories })).JsonAsync(HttpStatusCode.Created);
        foreach (var e in events)
        {
            await (await Client.PostAsJsonAsync($"/api/event-sets/{slug}/events", e)).JsonAsync(HttpStatusCode.Created);
        }
        return slug;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<IReadOnlyList<string?>> EventMarkersAsync(string query) =>
        [.. (await Client.GetJsonAsync($"/api/chart/layout?{query}")).GetProperty("markers").EnumerateArray()
            .Where(m => m.Str("kind") == "event").Select(m => m.Str("id"))];

    [Fact]
    public async Task A_permalink_pinned_to_a_version_draws_the_same_picture_after_the_set_changes_while_the_unpinned_view_follows_it()
    {
        var slug = await SetWithAsync(null, Event("A1", "2020-03-02"));
        var pinnedBefore = await Client.GetByteArrayAsync($"/api/chart.png?eventSet={slug}@2&{Range}");
        var unpinnedBefore = await Client.GetByteArrayAsync($"/api/chart.png?eventSet={slug}&{Range}");
        Assert.Equal(pinnedBefore, unpinnedBefore);

        await (await Client.PostAsJsonAsync($"/api/event-sets/{slug}/events", Event("A2", "2020-04-15"))).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(pinnedBefore, await Client.GetByteArrayAsync($"/api/chart.png?eventSet={slug}@2&{Range}"));
        Assert.NotEqual(unpinnedBefore, await Client.GetByteArrayAsync($"/api/chart.png?eventSet={slug}&{Range}"));
        Assert.Equal(["A1"], await EventMarkersAsync($"eventSet={slug}@2&{Range}"));
        Assert.Equal(["A1", "A2"], await EventMarkersAsync($"eventSet={slug}&{Range}"));
    }

    [Fact]
    public async Task The_chart_draws_the_sets_events_and_refuses_categories_the_set_does_not_have()
    {
        var slug = await SetWithAsync(new[] { new { id = "export-rules", name = "Export rules", color = "#123456" } },
            Event("X1", "2020-02-03", category: "export-rules"));

        Assert.Equal(["X1"], await EventMarkersAsync($"eventSet={slug}&events=export-rules&{Range}"));
        Assert.Empty(await EventMarkersAsync($"eventSet={slug}&events=none&{Range}"));
        // The shipped set's own events are not this set's.
        Assert.DoesNotContain("E25", await EventMarkersAsync($"eventSet={slug}&{Range}"));
        var refused = await ProblemAsync(await Client.GetAsync($"/api/chart.png?eventSet={slug}&events=legal&{Range}"), HttpStatusCode.BadRequest);
        Assert.Equal("events", refused.GetProperty("errors")[0].Str("field"));
    }

    [Fact]
    public async Task The_event_time_view_aligns_the_sets_events_and_not_the_shipped_ones()
    {
        var slug = await SetWithAsync(null, Event("A1", "2020-03-02"));

        using var drawn = await Client.GetAsync($"/api/chart.png?eventSet={slug}&view=event-time&eventIds=A1&symbols=ERIC&download=true");
        Assert.Equal(HttpStatusCode.OK, drawn.StatusCode);
        Assert.Contains("event-time_A1", drawn.Content.Headers.ContentDisposition?.FileName ?? "");
        using var shippedId = await Client.GetAsync($"/api/chart.png?eventSet={slug}&view=event-time&eventIds=E25&symbols=ERIC");
        Assert.Equal(HttpStatusCode.NotFound, shippedId.StatusCode);
    }

    [Fact]
    public async Task The_single_study_and_the_summary_take_day_0_from_the_sets_event_at_the_pinned_version()
    {
        var slug = await SetWithAsync(null, Event("A1", "2020-03-02"), Event("A2", "2020-04-15"));

        var study = await Client.GetJsonAsync($"/api/event-study?symbol=ERIC&eventId=A1&eventSet={slug}");
        Assert.Equal(("A1", "2020-03-02"), (study.Str("eventId"), study.Str("eventDate")));
        // At version 2 the set held A1 alone.
        await ProblemAsync(await Client.GetAsync($"/api/event-study?symbol=ERIC&eventId=A2&eventSet={slug}@2"), HttpStatusCode.NotFound);
        var summary = await Client.GetJsonAsync($"/api/event-study/summary?symbols=ERIC&eventSet={slug}@2");
        Assert.Equal(["A1"], summary.EnumerateArray().Select(r => r.Str("eventId")));
        using var chart = await Client.GetAsync($"/api/event-study/chart.png?symbol=ERIC&eventId=A2&eventSet={slug}");
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
    }

    [Fact]
    public async Task The_study_across_events_takes_every_dated_event_of_the_set_at_its_version()
    {
        var slug = await SetWithAsync(null, Event("A1", "2020-03-02"), Event("A2", "2020-04-15"), Event("A3", "2020-05-11"));

        var current = await Client.GetJsonAsync($"/api/event-study/aggregate?symbols=ERIC,NOK&benchmark=QQQ&eventSet={slug}");
        var atThree = await Client.GetJsonAsync($"/api/event-study/aggregate?symbols=ERIC,NOK&benchmark=QQQ&eventSet={slug}@3");

        static IEnumerable<string?> Members(JsonElement study) => study.GetProperty("samples").EnumerateArray().Single(s => s.Str("name") == "ERIC")
            .GetProperty("members").EnumerateArray().Select(m => m.Str("eventId"));
        Assert.Equal(["A1", "A2", "A3"], Members(current));
        Assert.Equal(["A1", "A2"], Members(atThree));
    }

    [Fact]
    public async Task The_chart_across_events_names_a_category_as_the_set_names_it()
    {
        var slug = await SetWithAsync(new[] { new { id = "export-rules", name = "Dutch export rules", color = "#123456" } },
            Event("X1", "2020-02-03", category: "export-rules"), Event("X2", "2020-03-02", category: "export-rules"));

        var svg = await Client.GetStringAsync($"/api/event-study/aggregate/chart.svg?symbols=ERIC,NOK&benchmark=QQQ&eventSet={slug}&category=export-rules");

        Assert.Contains("the Dutch export rules events", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_events_page_studies_the_set_and_every_link_carries_its_version()
    {
        var slug = await SetWithAsync(null, Event("A1", "2020-03-02"), Event("A2", "2020-04-15"));

        var page = await Client.GetStringAsync($"/Events?eventSet={slug}&symbols=ERIC");

        Assert.Contains("data-event-id=\"A1\"", page);
        Assert.Contains("data-event-id=\"A2\"", page);
        Assert.DoesNotContain("data-event-id=\"E25\"", page);
        Assert.Contains($"eventSet={slug}@3", page);
        Assert.Contains($"/api/event-study/summary.csv?benchmark=QQQ", page);
        var csv = page[page.IndexOf("/api/event-study/summary.csv", StringComparison.Ordinal)..];
        Assert.Contains($"eventSet={slug}@3", csv[..csv.IndexOf('"')]);
    }

    [Fact]
    public async Task The_dashboard_pins_the_set_for_its_scripts_and_colours_chips_as_the_set_defines()
    {
        var slug = await SetWithAsync(new[] { new { id = "export-rules", name = "Export rules", color = "#123456" } },
            Event("X1", "2020-02-03", category: "export-rules"));

        var page = await Client.GetStringAsync($"/?eventSet={slug}");

        Assert.Contains($"id=\"event-set\" name=\"eventSet\" value=\"{slug}@2\"", page);
        Assert.Contains("style=\"--chip: #123456\"", page);
        Assert.Contains("Export rules", page);
        Assert.Contains("data-event-id=\"X1\"", page);
        Assert.Contains($"\"eventSet\":\"{slug}@2\"", page);
    }

    [Theory]
    [InlineData("/api/chart.png?")]
    [InlineData("/api/chart.svg?")]
    [InlineData("/api/chart/layout?")]
    [InlineData("/api/chart/values?")]
    [InlineData("/api/chart/annotations?")]
    [InlineData("/api/chart.png?view=event-time&eventIds=E25&")]
    [InlineData("/api/event-study?symbol=ERIC&eventId=E25&")]
    [InlineData("/api/event-study/chart.png?symbol=ERIC&eventId=E25&")]
    [InlineData("/api/event-study/summary?")]
    [InlineData("/api/event-study/aggregate?symbols=ERIC,NOK&")]
    [InlineData("/api/event-study/aggregate/chart.png?symbols=ERIC,NOK&")]
    public async Task An_unknown_set_or_version_is_refused_naming_eventSet_on_every_view(string route)
    {
        foreach (var (asked, status) in new[] { ("no-such-set", HttpStatusCode.NotFound), ("huawei-5g-europe@999", HttpStatusCode.NotFound), ("Not%20a%20slug", HttpStatusCode.BadRequest) })
        {
            var problem = await ProblemAsync(await Client.GetAsync($"{route}eventSet={asked}"), status);
            Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.Str("field") == "eventSet");
        }
        // The shipped set at its first version is a set like any other.
        using var shipped = await Client.GetAsync($"{route}eventSet=huawei-5g-europe@1");
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
    }

    [Fact]
    public async Task The_pages_refuse_an_unknown_set()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/?eventSet=no-such-set")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/Events?eventSet=no-such-set")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/Events/Aggregate?eventSet=huawei-5g-europe@999")).StatusCode);
    }

    [Fact]
    public async Task Markup_in_a_users_event_title_and_label_is_text_in_the_svg_and_on_the_pages()
    {
        const string title = "<script>alert('t')</script>", label = "<img src=x onerror=alert(1)>";
        var slug = await SetWithAsync(null, Event("X1", "2020-03-02", title, label));

        var svg = await Client.GetStringAsync($"/api/chart.svg?eventSet={slug}&{Range}");
        Assert.DoesNotContain("<img", svg);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", svg);

        foreach (var page in new[] { $"/Events?eventSet={slug}&symbols=ERIC", $"/?eventSet={slug}" })
        {
            var html = await Client.GetStringAsync(page);
            Assert.DoesNotContain(title, html);
            Assert.DoesNotContain(label, html);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        }
    }
}
