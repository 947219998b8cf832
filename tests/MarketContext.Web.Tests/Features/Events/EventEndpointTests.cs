using System.Net;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Events;

public sealed class EventEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] Fields =
        ["id", "date", "endDate", "precision", "firstPublic", "title", "summary", "category", "countries", "inArticle", "articleParagraph", "sources"];

    private async Task<List<JsonElement>> EventsAsync(string query = "") =>
        [.. (await app.Client.GetJsonAsync("/api/events" + query)).EnumerateArray()];

    [Fact]
    public async Task All_events_carry_the_contract_fields()
    {
        var events = await EventsAsync();

        Assert.True(events.Count >= 20, $"only {events.Count} events");
        Assert.All(events, e =>
        {
            var names = e.EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.All(Fields, f => Assert.Contains(f, names));
            Assert.Contains(e.Str("precision"), new[] { "day", "month", "undated" });
            Assert.Equal(JsonValueKind.Array, e.GetProperty("countries").ValueKind);
            Assert.Equal(JsonValueKind.Array, e.GetProperty("sources").ValueKind);
        });
        Assert.Equal(events.Count, events.Select(e => e.Str("id")).Distinct().Count());
        // The article's own dates: the Polish arrest (first reported 2019-01-11) and the WSJ article of 2020-04-09.
        var arrest = events.Single(e => e.Str("id") == "E01");
        Assert.Equal("2019-01-08", arrest.Str("date"));
        Assert.Equal("2019-01-11", arrest.Str("firstPublic"));
        Assert.Equal("legal", arrest.Str("category"));
    }

    [Fact]
    public async Task Every_dated_event_has_a_first_public_day()
    {
        var dated = (await EventsAsync()).Where(e => !e.IsNull("date")).ToList();

        Assert.NotEmpty(dated);
        Assert.All(dated, e =>
        {
            Assert.False(e.IsNull("firstPublic"), $"{e.Str("id")} has no firstPublic");
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", e.Str("firstPublic"));
        });
    }

    [Fact]
    public async Task The_undated_event_has_a_null_date()
    {
        var undated = Assert.Single(await EventsAsync(), e => e.IsNull("date"));

        Assert.True(undated.IsNull("endDate"));
        Assert.False(string.IsNullOrWhiteSpace(undated.Str("title")));
    }

    [Fact]
    public async Task Dated_events_come_in_date_order()
    {
        var dates = (await EventsAsync()).Where(e => !e.IsNull("date")).Select(e => e.Str("date")!).ToList();

        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
    }

    [Fact]
    public async Task Category_filter_returns_only_that_category()
    {
        var all = await EventsAsync();
        var legal = await EventsAsync("?category=legal");

        Assert.Contains(legal, e => e.Str("id") == "E01");
        Assert.All(legal, e => Assert.Equal("legal", e.Str("category")));
        Assert.Equal(all.Count(e => e.Str("category") == "legal"), legal.Count);
        Assert.True(legal.Count < all.Count);
    }

    [Fact]
    public async Task Several_categories_can_be_asked_for_at_once()
    {
        var events = await EventsAsync("?category=legal,industry");

        Assert.Equal(["industry", "legal"], events.Select(e => e.Str("category")).Distinct().Order());
    }

    [Fact]
    public async Task Unknown_category_is_a_400_problem()
    {
        var problem = await (await app.Client.GetAsync("/api/events?category=weather")).ProblemAsync(HttpStatusCode.BadRequest);

        var error = Assert.Single(problem.Errors());
        Assert.Equal("category", error.Str("field"));
        Assert.Contains("weather", error.Str("message"), StringComparison.Ordinal);
    }
}
