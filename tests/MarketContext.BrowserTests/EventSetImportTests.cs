using MarketContext.Web.Features.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>A set's page in Chromium: a file imported through its preview (cancelled, refused, confirmed), and hostile text kept as text.</summary>
[Collection(DashboardCollection.Name)]
public sealed class EventSetImportTests(DashboardFixture app) : IDisposable
{
    private const string Img = "<img src=x onerror=\"window.__pwned=1\">";
    private const string Script = "\"><script>window.__pwned=2</script>";

    private readonly string _folder = Directory.CreateTempSubdirectory("marketcontext-set-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_file_is_previewed_before_it_is_stored_a_cancelled_preview_stores_nothing_and_a_bad_file_shows_its_lines()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        var slug = await api.CreateSetAsync("Imports", [
            new { id = "E1", title = "Old title", category = "legal", date = "2020-01-02" },
            new { id = "E2", title = "Not in the file", category = "legal", date = "2020-01-03" },
        ]);
        var file = Path.Combine(_folder, "events.csv");
        await File.WriteAllTextAsync(file, "id,title,category,date\r\nE1,New title,legal,2020-01-02\r\nE3,Added,industry,2020-01-04\r\n");
        var bad = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(bad, "id,title,category,date\r\nE4,,legal,2020-01-02\r\nE5,Fine,nope,2020-01-02\r\n");
        await using var browser = await app.NewDashboardPageAsync();
        var page = browser.Page;
        await browser.OpenSetAsync(slug, editor);
        var report = page.GetByTestId("set-import-report");

        await page.GetByTestId("set-import-file").SetInputFilesAsync(file);
        await page.GetByTestId("set-import-preview").ClickAsync();
        await Expect(report.Locator("[data-outcome=preview]")).ToContainTextAsync("preview against version 3, nothing stored yet");
        await Expect(report).ToContainTextAsync("Would add 1, change 1, leave 0 unchanged and remove none");
        await Expect(page.GetByTestId("import-added").Locator("li")).ToHaveTextAsync(["E3"]);
        await Expect(page.GetByTestId("import-changed").Locator("li")).ToHaveTextAsync(["E1 (Old title)"]);
        await page.GetByTestId("set-import-cancel").ClickAsync();
        await Expect(report.Locator("[data-outcome=cancelled]")).ToContainTextAsync("nothing was stored");
        var (version, titles) = await api.ReadSetAsync(slug);
        Assert.Equal(3, version);
        Assert.Equal(new Dictionary<string, string> { ["E1"] = "Old title", ["E2"] = "Not in the file" }, titles);

        await page.GetByTestId("set-import-file").SetInputFilesAsync(bad);
        await page.GetByTestId("set-import-preview").ClickAsync();
        await Expect(report.Locator("[data-outcome=refused]")).ToContainTextAsync("refused, nothing stored");
        var errors = page.GetByTestId("import-errors").Locator("li");
        await Expect(errors).ToHaveCountAsync(2);
        await Expect(errors.Nth(0)).ToHaveTextAsync("line 2 (title): title is required.");
        await Expect(errors.Nth(1)).ToContainTextAsync("line 3 (category): category \"nope\" is not one of this set's");
        Assert.Equal(3, (await api.ReadSetAsync(slug)).Version);

        await page.GetByTestId("set-import-file").SetInputFilesAsync(file);
        await page.GetByTestId("set-import-preview").ClickAsync();
        await page.GetByTestId("set-import-confirm").ClickAsync();
        await Expect(report.Locator("[data-outcome=stored]")).ToContainTextAsync("events.csv stored as version 4: added 1, changed 1, unchanged 0.");
        await Expect(page.EventRow("E3").Locator("td").Nth(1)).ToHaveTextAsync("Added");
        await Expect(page.EventRow("E1").Locator("td").Nth(1)).ToHaveTextAsync("New title");
        await Expect(page.EventRow("E2")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("set-version")).ToHaveTextAsync("4");
        (version, titles) = await api.ReadSetAsync(slug);
        Assert.Equal(4, version);
        Assert.Equal(new Dictionary<string, string> { ["E1"] = "New title", ["E2"] = "Not in the file", ["E3"] = "Added" }, titles);
        browser.AssertNoUncaughtErrors();
    }

    [Fact]
    public async Task Hostile_text_in_every_field_stays_text_in_the_table_the_form_the_history_and_the_import_report()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        var url = "https://example.org/?q=\"><img/src=x/onerror=window.__pwned=3>";
        var slug = await api.CreateSetAsync("Set " + Img, [new
        {
            id = "H1", title = "T" + Img, label = "L" + Script, summary = "S" + Img + Script, category = "hostile", stage = "rumour",
            jurisdictions = new[] { "J" + Img }, date = "2020-03-02", announced = "2020-03-02T09:30", timeZone = "Europe/Stockholm",
            sources = new[] { new { url, publisher = "P" + Img, official = true } }, confidence = "low", notes = "N" + Script,
        }], categories: [new { id = "hostile", name = "C" + Img, color = "#112233" }]);
        using (var changed = await api.PutAsync($"/api/event-sets/{slug}/events/H1", System.Net.Http.Json.JsonContent.Create(new
        {
            title = "T2" + Script,
            category = "hostile",
            date = "2020-03-02",
            notes = "N" + Script,
        })))
        {
            Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
        }
        var hostileFile = Path.Combine(_folder, "hostile.csv");
        await File.WriteAllTextAsync(hostileFile, $"id,title,category\r\nH1,\"T3{Img.Replace("\"", "\"\"", StringComparison.Ordinal)}\",hostile\r\nH2,x,\"{Script.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\r\n");
        await using var browser = await app.NewDashboardPageAsync();
        var page = browser.Page;
        await browser.OpenSetAsync(slug, editor);

        await Expect(page.Locator("#set-title")).ToHaveTextAsync("Set " + Img);
        var row = page.EventRow("H1");
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("T2" + Script);
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(" C" + Img);
        await Expect(page.GetByTestId("category-filter").Locator("option[value=hostile]")).ToHaveTextAsync("C" + Img);

        await row.GetByRole(AriaRole.Button, new() { Name = "History event H1" }).ClickAsync();
        var history = page.Locator("[data-history-of=H1]");
        await Expect(history.Locator("del").First).ToHaveTextAsync("T" + Img);
        await Expect(history.Locator("ins").First).ToHaveTextAsync("T2" + Script);
        await Expect(history).ToContainTextAsync("P" + Img);
        await Expect(history).ToContainTextAsync("J" + Img);

        await page.GetByTestId("add-event").ClickAsync();
        await page.GetByTestId("event-id").FillAsync("H9");
        await page.GetByTestId("event-title").FillAsync("x");
        await page.GetByTestId("event-timeZone").FillAsync(Img);
        await page.GetByTestId("event-announced").FillAsync("2020-03-02T09:30");
        await page.GetByTestId("event-save").ClickAsync();
        await Expect(page.Locator("[data-error-for=timeZone]")).ToContainTextAsync(Img);
        await page.GetByTestId("event-cancel").ClickAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit event H1" }).ClickAsync();
        await Expect(page.GetByTestId("event-title")).ToHaveValueAsync("T2" + Script);
        await Expect(page.GetByTestId("event-notes")).ToHaveValueAsync("N" + Script);
        await page.GetByTestId("event-cancel").ClickAsync();

        await page.GetByTestId("set-import-file").SetInputFilesAsync(hostileFile);
        await page.GetByTestId("set-import-preview").ClickAsync();
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync(Script);

        await Expect(page.Locator("main img, main script")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        browser.AssertNoUncaughtErrors();
    }
}
