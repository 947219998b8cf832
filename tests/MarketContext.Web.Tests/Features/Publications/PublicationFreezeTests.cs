using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Publications;

public sealed class PublicationFreezeTests(PublicationsApp app) : IClassFixture<PublicationsApp>
{
    private static readonly string[] Files = [".png", ".png?theme=dark", ".svg", ".svg?theme=dark", ".csv", ".json", ".pdf"];

    /// <summary>A split re-adjustment: every adjusted close before the split day halved, the closes as they were.</summary>
    private static string Resplit(string csv, DateOnly splitDay) => string.Join('\n', csv.TrimEnd('\n').Split('\n').Select(line =>
    {
        var cells = line.Split(',');
        if (!DateOnly.TryParse(cells[0], CultureInfo.InvariantCulture, out var day) || day >= splitDay)
        {
            return line;
        }
        cells[5] = (double.Parse(cells[4], CultureInfo.InvariantCulture) / 2).ToString("0.0000", CultureInfo.InvariantCulture);
        return string.Join(',', cells);
    })) + "\n";

    private async Task<Dictionary<string, byte[]>> FilesAsync(string url)
    {
        var files = new Dictionary<string, byte[]>();
        foreach (var file in Files)
        {
            files[file] = await app.BytesAsync(url + file);
        }
        return files;
    }

    [Fact]
    public async Task Every_stored_format_stays_byte_identical_after_revised_prices_an_edited_event_and_a_new_annotation_while_the_live_view_changes()
    {
        var set = await app.EventSetAsync();
        var chart = $"symbols=ERIC,NOK&from={PublicationsApp.Day(150)}&to={PublicationsApp.Day(389)}&width=800&height=400&eventSet={set}";
        var views = new (string Kind, string Query)[]
        {
            ("chart", chart),
            ("event-time", $"symbols=ERIC,NOK&view=event-time&eventIds=E1,E2&window=10&eventSet={set}"),
            ("study", $"symbol=ERIC&benchmark=QQQ&eventId=E1&eventSet={set}"),
            ("aggregate", $"symbols=ERIC,NOK&benchmark=QQQ&eventSet={set}"),
        };
        var published = new List<(string Url, Dictionary<string, byte[]> Files)>();
        foreach (var (kind, query) in views)
        {
            var answer = await (await app.PublishAsync(new { kind, query, title = $"A {kind} to stand behind", source = "Yahoo Finance", byline = "By the desk" }))
                .JsonAsync(HttpStatusCode.Created);
            Assert.Equal(1, answer.GetProperty("number").GetInt32());
            var url = answer.Str("url")!;
            Assert.Equal($"/p/{answer.Str("slug")}/1", url);
            var files = await FilesAsync(url);
            using (var pdf = UglyToad.PdfPig.PdfDocument.Open(files[".pdf"]))
            {
                Assert.Equal(1, pdf.NumberOfPages);
                Assert.Contains($"A{kind}tostandbehind", string.Concat(pdf.GetPage(1).Text.Where(c => !char.IsWhiteSpace(c))));
                Assert.Equal($"A {kind} to stand behind", pdf.Information.Title);
            }
            published.Add((url, files));
        }
        var liveBefore = await app.BytesAsync($"/api/chart.png?{chart}");
        var studyBefore = await app.Client.GetStringAsync($"/api/event-study?{views[2].Query}");

        var eric = await File.ReadAllTextAsync(Path.Combine(app.Factory.PricesDirectory, "ERIC.csv"));
        var report = await (await app.Client.PostAsync("/api/series/ERIC/import", Api.Csv(Resplit(eric, PublicationsApp.Days[200])))).JsonAsync();
        Assert.Equal(200, report.GetProperty("updated").GetInt32());
        await (await app.Client.PutAsJsonAsync($"/api/event-sets/{set}/events/E1",
            new { title = "UK decision, a day later", label = "UK decision", category = "european-decision", date = PublicationsApp.Day(251), precision = "day" })).JsonAsync();
        await (await app.Client.PostAsJsonAsync("/api/annotations", new { date = PublicationsApp.Day(320), text = "Added after publishing" })).JsonAsync(HttpStatusCode.Created);

        Assert.NotEqual(liveBefore, await app.BytesAsync($"/api/chart.png?{chart}"));
        Assert.NotEqual(studyBefore, await app.Client.GetStringAsync($"/api/event-study?{views[2].Query}"));
        // The pinned query still reads what was published: the live chart's numbers at the pins are the stored CSV.
        var pinned = (await app.Client.GetJsonAsync($"/api/publications{published[0].Url[2..]}")).Str("pinnedQuery");
        Assert.Equal(published[0].Files[".csv"], await app.BytesAsync($"/api/chart.csv?{pinned}"));
        Assert.NotEqual(published[0].Files[".csv"], await app.BytesAsync($"/api/chart.csv?{chart}"));
        foreach (var (url, before) in published)
        {
            foreach (var (file, bytes) in before)
            {
                var now = await app.BytesAsync(url + file);
                Assert.True(bytes.SequenceEqual(now), $"{url}{file} changed");
            }
        }
    }

    [Fact]
    public async Task A_stored_file_is_served_with_its_hash_as_strong_ETag_cached_for_good_and_revalidates_with_304()
    {
        var answer = await (await app.PublishAsync(new { kind = "chart", query = "symbols=ERIC&width=600&height=300", title = "ERIC alone" })).JsonAsync(HttpStatusCode.Created);
        var url = answer.Str("url")!;

        using var png = await app.Client.GetAsync(url + ".png");
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"", png.Headers.ETag?.ToString());
        Assert.False(png.Headers.ETag!.IsWeak);
        Assert.Equal("public, max-age=31536000, immutable", png.Headers.CacheControl?.ToString());
        Assert.Equal((600, 300), Png.Size(bytes));

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url + ".png");
        revalidate.Headers.TryAddWithoutValidation("If-None-Match", png.Headers.ETag.ToString());
        using var notModified = await app.Client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var svg = await app.Client.GetAsync(url + ".svg?theme=dark");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", svg.Headers.GetValues("Content-Security-Policy").Single());
        Assert.NotEqual(await app.BytesAsync(url + ".svg"), await svg.Content.ReadAsByteArrayAsync());

        var json = PublicationsApp.Parse(await app.Client.GetStringAsync(url + ".json"));
        Assert.Equal("ERIC", json.GetProperty("values").GetProperty("series")[0].Str("symbol"));
        Assert.True(json.GetProperty("layout").GetProperty("dataRect").GetProperty("width").GetDouble() > 0);
        Assert.StartsWith("date,ERIC\n", await app.Client.GetStringAsync(url + ".csv"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Republishing_under_a_slug_gives_the_next_number_and_the_earlier_one_still_answers_as_it_was()
    {
        var first = await (await app.PublishAsync(new { kind = "chart", query = "symbols=NOK&width=500&height=300", title = "Nokia over the year" })).JsonAsync(HttpStatusCode.Created);
        var slug = first.Str("slug")!;
        Assert.Equal("nokia-over-the-year", slug);
        var firstPng = await app.BytesAsync($"/p/{slug}/1.png");

        var second = await (await app.PublishAsync(new { kind = "chart", query = "symbols=NOK,ERIC&width=500&height=300", title = "Nokia and Ericsson", slug }))
            .JsonAsync(HttpStatusCode.Created);
        var again = await (await app.PublishAsync(new { kind = "chart", query = "symbols=NOK&width=500&height=300", title = "Nokia over the year" })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal((slug, 2), (second.Str("slug"), second.GetProperty("number").GetInt32()));
        Assert.Equal(($"{slug}-2", 1), (again.Str("slug"), again.GetProperty("number").GetInt32()));
        Assert.Equal(firstPng, await app.BytesAsync($"/p/{slug}/1.png"));
        Assert.NotEqual(firstPng, await app.BytesAsync($"/p/{slug}/2.png"));
        var one = await app.Client.GetJsonAsync($"/api/publications/{slug}/1");
        Assert.Equal(("Nokia over the year", "chart", "symbols=NOK&width=500&height=300"),
            (one.GetProperty("furniture").Str("title"), one.Str("kind"), one.Str("query")));
        var two = await app.Client.GetJsonAsync($"/api/publications/{slug}/2");
        Assert.Equal("Nokia and Ericsson", two.GetProperty("furniture").Str("title"));

        var list = (await app.Client.GetJsonAsync("/api/publications?limit=2")).EnumerateArray().ToList();
        Assert.Equal([($"{slug}-2", 1), (slug, 2)], list.Select(p => (p.Str("slug"), p.GetProperty("number").GetInt32())));
        await (await app.Client.GetAsync($"/api/publications/{slug}/3")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Client.GetAsync($"/p/{slug}/3.png")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Client.GetAsync($"/p/no-such-slug/1.svg")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Client.GetAsync($"/p/{slug}/1.gif")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_publication_names_its_pins_in_its_pinned_query_and_its_downloads_and_is_in_the_audit_log()
    {
        var set = await app.EventSetAsync();
        await (await app.Client.PostAsJsonAsync("/api/annotations", new { date = PublicationsApp.Day(300), text = "Before publishing" })).JsonAsync(HttpStatusCode.Created);
        var vintage = 0L;
        foreach (var symbol in new[] { "QQQ", "ERIC", "NOK" })
        {
            vintage = Math.Max(vintage, (await app.Client.GetJsonAsync($"/api/series/{symbol}/vintages")).EnumerateArray().Max(v => v.GetProperty("id").GetInt64()));
        }
        var seq = long.Parse((await app.Client.GetAsync("/api/annotations")).Headers.GetValues("X-Annotations-Seq").Single(), CultureInfo.InvariantCulture);

        var answer = await (await app.PublishAsync(new { kind = "chart", query = $"?symbols=NOK&eventSet={set}&theme=dark&log=TRUE", title = "Pinned", altText = "Nokia's price, on a log scale." }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("Nokia's price, on a log scale.", answer.Str("altText"));
        var read = await app.Client.GetJsonAsync($"/api/publications/{answer.Str("slug")}/1");

        var pins = read.GetProperty("pins");
        Assert.Equal((vintage, $"{set}@3", seq), (pins.GetProperty("priceVintage").GetInt64(), pins.Str("eventSet"), pins.GetProperty("annotationSeq").GetInt64()));
        Assert.False(string.IsNullOrEmpty(pins.Str("rendererVersion")));
        Assert.Equal($"annotationsAsOf={seq}&asOf={vintage}&eventSet={Uri.EscapeDataString($"{set}@3")}&log=true&symbols=NOK", read.Str("pinnedQuery"));
        Assert.Equal("editor", read.Str("publishedBy"));
        var downloads = read.GetProperty("downloads").EnumerateArray().Select(d => d.Str("url")).Order(StringComparer.Ordinal).ToList();
        var url = answer.Str("url");
        Assert.Equal([$"{url}.csv", $"{url}.json", $"{url}.pdf", $"{url}.png", $"{url}.png?theme=dark", $"{url}.svg", $"{url}.svg?theme=dark"], downloads);

        using var admin = app.Factory.Authorize(app.Factory.CreateClient(), "publications-admin", "admin");
        var entry = (await admin.GetJsonAsync("/api/admin/audit")).EnumerateArray().First(e => e.Str("target") == $"{answer.Str("slug")}/1");
        Assert.Equal(("editor", "publication published"), (entry.Str("actor"), entry.Str("action")));
        Assert.Contains("from ", entry.Str("detail"), StringComparison.Ordinal);
    }
}
