using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.EventSets;

public sealed class EventSetFilesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private HttpClient Client => app.Client;

    private const string Xss = "<script>alert(1)</script>";

    /// <summary>Events that exercise every field: a period, moments either side of two DST changes, month and undated, formulas and markup.</summary>
    private static readonly object[] Events =
    [
        new
        {
            id = "P1", title = "Export licence rule in force", label = "Licence rule", summary = "Line one, with a comma; a semicolon\nline two \\ \"quoted\"",
            category = "european-decision", stage = "implementation", jurisdictions = new[] { "Netherlands", "United States" }, companies = new[] { "ASML", "ERIC" },
            date = "2021-03-01", precision = "day", endDate = "2021-03-31", firstPublic = "2021-02-26",
            sources = new object[] { new { url = "https://example.org/rule?a=1&b=2", publisher = "Official Journal", official = true }, new { url = "http://example.com/news", publisher = "", official = false } },
            confidence = "medium-high", notes = "Täglich, ünïcödé — and a long note that must be folded across lines in the calendar file because it is longer than seventy-five octets",
            inArticle = true, articleParagraph = 4, articleNote = "¶4",
        },
        new { id = "D1", title = "Before the US clocks change", category = "us-pressure", stage = "rumour", date = "2021-03-12", announced = "2021-03-12T09:30", timeZone = "America/New_York" },
        new { id = "D2", title = "After the US clocks change", category = "us-pressure", stage = "decision", date = "2021-03-15", announced = "2021-03-15T16:05", timeZone = "America/New_York", firstPublic = "2021-03-15" },
        new { id = "D3", title = "The day European clocks go back", category = "european-decision", date = "2021-10-31", announced = "2021-10-31T08:00", timeZone = "Europe/Amsterdam" },
        new { id = "M1", title = "Sometime in June", category = "industry", date = "2021-06-01", precision = "month", stage = "reversal" },
        new { id = "U1", title = "Undated threat", category = "chinese-response", precision = "undated" },
        new
        {
            id = "F1", title = "=HYPERLINK(\"http://evil.example\",\"click\")", label = "+1+1", summary = "-2+3", category = "legal", date = "2021-04-01",
            notes = "@SUM(A1:A9)", jurisdictions = new[] { "=cmd|' /C calc'!A0" }, confidence = "low",
        },
        new { id = "Q1", title = "'starts with an apostrophe", label = "''two", category = "legal", date = "2021-04-02" },
        new { id = "X1", title = Xss, label = "<b>bold</b>", summary = "<img src=x onerror=alert(2)>", category = "legal", date = "2021-04-03", notes = "&amp; <svg onload=alert(3)>" },
    ];

    private async Task<string> SetWithEventsAsync()
    {
        var slug = "files-" + Guid.NewGuid().ToString("N")[..10];
        await (await Client.PostAsJsonAsync("/api/event-sets", new { slug, title = "Files" })).JsonAsync(HttpStatusCode.Created);
        var report = await (await Client.PostAsync($"/api/event-sets/{slug}/import", JsonContent.Create(Events))).JsonAsync();
        Assert.Equal(Events.Length, report.GetProperty("added").GetInt32());
        return slug;
    }

    private async Task<string> NewSetAsync()
    {
        var slug = "copy-" + Guid.NewGuid().ToString("N")[..10];
        await (await Client.PostAsJsonAsync("/api/event-sets", new { slug, title = "Copy" })).JsonAsync(HttpStatusCode.Created);
        return slug;
    }

    private async Task<List<string>> EventsOfAsync(string slug) =>
        [.. (await Client.GetJsonAsync($"/api/event-sets/{slug}/events")).EnumerateArray().Select(e => e.GetRawText())];

    [Theory]
    [InlineData("csv", "text/csv")]
    [InlineData("json", "application/json")]
    [InlineData("ics", "text/calendar")]
    public async Task An_export_imported_into_another_set_gives_back_the_same_events(string extension, string contentType)
    {
        var source = await SetWithEventsAsync();
        var export = await Client.GetAsync($"/api/event-sets/{source}/export.{extension}");
        Assert.Equal(contentType, export.Content.Headers.ContentType?.MediaType);
        var file = await export.Content.ReadAsByteArrayAsync();

        var copy = await NewSetAsync();
        var body = new ByteArrayContent(file);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        await (await Client.PostAsync($"/api/event-sets/{copy}/import", body)).JsonAsync();

        var expected = await EventsOfAsync(source);
        if (extension == "ics")
        {
            // A calendar has no place for an event without a date.
            expected = [.. expected.Where(e => !e.Contains("\"id\":\"U1\"", StringComparison.Ordinal))];
        }
        Assert.Equal(expected, await EventsOfAsync(copy));
    }

    [Fact]
    public async Task The_calendar_gives_moments_in_their_zone_with_each_zones_transitions_and_periods_as_all_day_spans()
    {
        var slug = await SetWithEventsAsync();

        var ics = await Client.GetStringAsync($"/api/event-sets/{slug}/export.ics");
        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal);

        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ics, StringComparison.Ordinal);
        Assert.All(ics.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Contains("DTSTART;TZID=America/New_York:20210312T093000", unfolded, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=America/New_York:20210315T160500", unfolded, StringComparison.Ordinal);
        // New York went from UTC−5 to UTC−4 at 02:00 on 14 March 2021; Amsterdam from UTC+2 to UTC+1 at 03:00 on 31 October 2021.
        Assert.Contains("BEGIN:DAYLIGHT\r\nDTSTART:20210314T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT", unfolded, StringComparison.Ordinal);
        Assert.Contains("BEGIN:STANDARD\r\nDTSTART:20211031T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD", unfolded, StringComparison.Ordinal);
        Assert.Contains("DTSTART;VALUE=DATE:20210301\r\nDTEND;VALUE=DATE:20210401", unfolded, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:" + Xss, unfolded, StringComparison.Ordinal);
        Assert.Contains("DESCRIPTION:Line one\\, with a comma\\; a semicolon\\nline two \\\\ \"quoted\"", unfolded, StringComparison.Ordinal);
        Assert.DoesNotContain("U1@", unfolded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_export_writes_formula_cells_as_text()
    {
        var slug = await SetWithEventsAsync();

        var csv = await Client.GetStringAsync($"/api/event-sets/{slug}/export.csv");

        Assert.StartsWith("id,title,label,summary,category,stage,", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",'+1+1,'-2+3,", csv, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(A1:A9),", csv, StringComparison.Ordinal);
        Assert.Contains("'=cmd|' /C calc'!A0", csv, StringComparison.Ordinal);
        Assert.Contains("Q1,''starts with an apostrophe,'''two,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",+", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",@", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_csv_is_refused_whole_with_line_numbers_and_nothing_is_stored()
    {
        var slug = await NewSetAsync();
        var csv = "id,title,category,date,endDate,timeZone,announced\n"
            + "B1,Good,legal,2020-01-02,,,\n"
            + "B2,Ends before it starts,legal,2020-01-05,2020-01-01,,\n"
            + "B3,\"A title\nover two lines\",legal,2020-01-02,,,\n"
            + "B4,Nowhere,legal,2020-01-02,,Nowhere/Land,2020-01-02T10:00\n"
            + "B1,Twice,legal,2020-01-02,,,\n";

        var problem = await (await Client.PostAsync($"/api/event-sets/{slug}/import", Api.Csv(csv))).ProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.Errors().Select(e => (e.GetProperty("line").GetInt32(), e.Str("field"))).ToList();
        Assert.Equal([(3, "endDate"), (4, "title"), (6, "timeZone"), (7, "id")], errors);
        var set = await Client.GetJsonAsync($"/api/event-sets/{slug}");
        Assert.Equal(1, set.GetProperty("version").GetInt64());
        Assert.Empty(set.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Bad_json_and_calendar_files_are_refused_at_their_lines()
    {
        var slug = await NewSetAsync();
        var json = "[\n  {\"id\": \"J1\", \"title\": \"ok\", \"category\": \"legal\", \"date\": \"2020-01-02\"},\n"
            + "  {\n    \"id\": \"J2\", \"title\": \"bad source\", \"category\": \"legal\", \"date\": \"2020-01-02\",\n"
            + "    \"sources\": [{\"url\": \"javascript:alert(1)\"}]\n  }\n]";
        var ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:C1@x\r\nDTSTART;TZID=Atlantis/Capital:20200102T100000\r\n"
            + "SUMMARY:Lost\r\nCATEGORIES:legal\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        var jsonProblem = await (await Client.PostAsync($"/api/event-sets/{slug}/import", new StringContent(json, Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest);
        var icsProblem = await (await Client.PostAsync($"/api/event-sets/{slug}/import", new StringContent(ics, Encoding.UTF8, "text/calendar"))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal((3, "sources"), jsonProblem.Errors().Select(e => (e.GetProperty("line").GetInt32(), e.Str("field"))).Single());
        Assert.Equal((5, "timeZone"), icsProblem.Errors().Select(e => (e.GetProperty("line").GetInt32(), e.Str("field"))).Single());
        Assert.Empty(await EventsOfAsync(slug));
        await (await Client.PostAsync($"/api/event-sets/{slug}/import", new StringContent("id,title", Encoding.UTF8, "text/plain"))).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_preview_says_what_an_import_would_change_and_stores_nothing()
    {
        var slug = await SetWithEventsAsync();
        var changed = JsonSerializer.Serialize(new object[] { Events[1], new { id = "P1", title = "Renamed", category = "legal", date = "2021-03-01" }, new { id = "N1", title = "New", category = "legal", date = "2021-05-01" } });

        var preview = await (await Client.PostAsync($"/api/event-sets/{slug}/import?preview=true", new StringContent(changed, Encoding.UTF8, "application/json"))).JsonAsync();

        Assert.Equal((1, 1, 1, false), (preview.GetProperty("added").GetInt32(), preview.GetProperty("updated").GetInt32(), preview.GetProperty("unchanged").GetInt32(), preview.GetProperty("stored").GetBoolean()));
        Assert.Equal(["N1"], Ids(preview, "addedIds"));
        Assert.Equal(["P1"], Ids(preview, "updatedIds"));
        Assert.Equal(2, (await Client.GetJsonAsync($"/api/event-sets/{slug}")).GetProperty("version").GetInt64());
        var stored = await (await Client.PostAsync($"/api/event-sets/{slug}/import", new StringContent(changed, Encoding.UTF8, "application/json"))).JsonAsync();
        Assert.Equal(3, stored.GetProperty("version").GetInt64());
        Assert.Equal(["N1"], Ids(stored, "addedIds"));
        Assert.Equal(["P1"], Ids(stored, "updatedIds"));
    }

    private static List<string> Ids(JsonElement report, string name) => [.. report.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
}
