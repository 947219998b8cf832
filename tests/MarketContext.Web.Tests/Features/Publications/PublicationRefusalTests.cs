using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Xml.Linq;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Publications;

public sealed class PublicationRefusalTests(PublicationsApp app) : IClassFixture<PublicationsApp>
{
    private const string Chart = "symbols=ERIC,NOK&width=600&height=300";

    private async Task<(long Publications, long Outputs)> StoredAsync() =>
        (await app.CountAsync("select count(*) from publications"), await app.CountAsync("select count(*) from publication_outputs"));

    public static TheoryData<string, string> Refused => new()
    {
        { """{"kind": "map", "query": "symbols=ERIC", "title": "T"}""", "kind" },
        { """{"query": "symbols=ERIC", "title": "T"}""", "kind" },
        { """{"kind": "chart", "title": "T"}""", "query" },
        { """{"kind": "chart", "query": "symbols=ERIC"}""", "title" },
        { """{"kind": "chart", "query": "symbols=ERIC", "title": "   "}""", "title" },
        { """{"kind": "chart", "query": "symbols=ERIC&colour=red", "title": "T"}""", "query.colour" },
        { """{"kind": "chart", "query": "symbols=ERIC&width=banana", "title": "T"}""", "query.width" },
        { """{"kind": "chart", "query": "symbols=ERIC&from=2020-02-30", "title": "T"}""", "query.from" },
        { """{"kind": "chart", "query": "symbols=ERIC&view=event-time&eventIds=E1", "title": "T"}""", "kind" },
        { """{"kind": "study", "query": "symbol=ERIC&eventId=E1&date=2020-01-02", "title": "T"}""", "query.date" },
        { """{"kind": "study", "query": "symbol=ERIC&date=2020-01-02&symbols=NOK", "title": "T"}""", "query.symbols" },
        { """{"kind": "aggregate", "query": "symbols=ERIC&pre=9&gap=3", "title": "T"}""", "query.pre" },
        { """{"kind": "chart", "query": "symbols=ERIC&asOf=999999", "title": "T"}""", "query.asOf" },
        { """{"kind": "chart", "query": "symbols=ERIC", "title": "T", "slug": "Not A Slug"}""", "slug" },
        { """{"kind": "chart", "query": "symbols=ERIC", "title": "T", "slug": "never-published"}""", "slug" },
        { """{"kind": "chart", "query": "symbols=ERIC", "title": "T", "byline": "a\u0007b"}""", "byline" },
        { """{"kind": "chart", "query": "symbols=ERIC", "title": 7}""", "title" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_refused_publication_names_its_field_and_stores_nothing(string body, string field)
    {
        var before = await StoredAsync();

        var response = await app.Client.PostAsync("/api/publications", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.Errors().Select(e => e.Str("field")));
        Assert.Equal(before, await StoredAsync());
    }

    [Theory]
    [InlineData("title", 201)]
    [InlineData("subtitle", 301)]
    [InlineData("notes", 4001)]
    [InlineData("source", 301)]
    [InlineData("byline", 201)]
    [InlineData("licence", 201)]
    [InlineData("altText", 2001)]
    [InlineData("query", 4001)]
    public async Task An_over_long_field_is_refused_by_name(string field, int length)
    {
        var before = await StoredAsync();
        var body = new Dictionary<string, string> { ["kind"] = "chart", ["query"] = Chart, ["title"] = "T" };
        body[field] = field == "query" ? Chart + "&symbols=" + new string('A', length - Chart.Length - 9) : new string('x', length);

        var problem = await (await app.PublishAsync(body)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(field, problem.Errors().Select(e => e.Str("field")));
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task Anonymous_callers_viewers_and_bodies_over_the_limit_store_nothing()
    {
        var before = await StoredAsync();
        var body = new { kind = "chart", query = Chart, title = "Not yours to publish" };
        using var anonymous = app.Factory.CreateClient();
        using var viewer = app.Factory.Authorize(app.Factory.CreateClient(), "vera", "viewer");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PublishAsync(body, anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.PublishAsync(body, viewer)).StatusCode);
        await (await app.PublishAsync(new { kind = "chart", query = Chart, title = "T", notes = new string('n', 70_000) })).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task Hostile_furniture_is_escaped_in_the_SVG_drawn_in_the_PNG_and_harmless_in_the_JSON()
    {
        const string title = "<script>alert(1)</script> ]]> & \"Ericsson\"";
        const string source = "Yahoo & <b>friends</b> ]]>";
        const string byline = "By <img src=x onerror=alert(2)>";
        const string alt = "Lines\nof <text> & ]]> more";
        var answer = await (await app.PublishAsync(new { kind = "chart", query = Chart, title, source, byline, altText = alt, notes = "<iframe>\ttabbed" }))
            .JsonAsync(HttpStatusCode.Created);
        var url = answer.Str("url")!;

        var svgText = Encoding.UTF8.GetString(await app.BytesAsync(url + ".svg"));
        var svg = XDocument.Parse(svgText);
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "script" or "img" or "b" or "iframe" or "foreignObject");
        Assert.DoesNotContain("<script", svgText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(title, svg.Root!.Elements().First(e => e.Name.LocalName == "title").Value);
        Assert.Equal(alt, svg.Root.Elements().First(e => e.Name.LocalName == "desc").Value);
        Assert.Contains(svg.Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value.Trim() == title);
        Assert.Contains(svg.Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value.Trim() == $"Source: {source} · {byline}");

        // Data, never markup: a JSON answer the browser is told not to sniff, whose strings read back as they were written.
        using var read = await app.Client.GetAsync($"/api/publications/{answer.Str("slug")}/1");
        Assert.Equal("application/json", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", read.Headers.GetValues("X-Content-Type-Options").Single());
        var furniture = PublicationsApp.Parse(await read.Content.ReadAsStringAsync()).GetProperty("furniture");
        Assert.Equal((title, source, byline, alt, "<iframe>\ttabbed"),
            (furniture.Str("title"), furniture.Str("source"), furniture.Str("byline"), furniture.Str("altText"), furniture.Str("notes")));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(url + ".png")).StatusCode);
    }

    [Fact]
    public async Task The_generated_alternative_text_gives_the_studys_move_in_words_and_numbers()
    {
        var set = await app.EventSetAsync();
        var study = await app.Client.GetJsonAsync($"/api/event-study?symbol=ERIC&benchmark=QQQ&eventId=E1&pre=1&post=1&eventSet={set}");
        var car = study.GetProperty("car").GetDouble();

        var answer = await (await app.PublishAsync(new { kind = "study", query = $"symbol=ERIC&benchmark=QQQ&eventId=E1&pre=1&post=1&eventSet={set}", title = "ERIC and the UK" }))
            .JsonAsync(HttpStatusCode.Created);

        var words = answer.Str("altText")!;
        Assert.Contains($"{(car < 0 ? "fell" : "rose")} {Math.Abs(car * 100):0.0}% more than the market model predicted over the three trading days around E1 UK decision", words,
            StringComparison.Ordinal);
        Assert.Contains($"day 0 {PublicationsApp.Day(250)}", words, StringComparison.Ordinal);
        var svg = XDocument.Parse(Encoding.UTF8.GetString(await app.BytesAsync(answer.Str("url") + ".svg")));
        Assert.Equal(words, svg.Root!.Elements().First(e => e.Name.LocalName == "desc").Value);
    }
}
