using System.Net.Http.Json;
using MarketContext.Web.Features.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>A set's page in Chromium: events added, changed and deleted in place, with their history; sorting and filtering from the keyboard.</summary>
[Collection(DashboardCollection.Name)]
public sealed class EventSetPageTests(DashboardFixture app)
{
    [Fact]
    public async Task An_editor_creates_a_set_then_adds_edits_and_deletes_an_event_in_place_and_reads_its_history()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        await using var browser = await app.NewDashboardPageAsync();
        var page = browser.Page;
        await page.GotoAsync("/Login?ReturnUrl=%2FEventSets");
        await browser.SubmitSignInFormAsync(editor.Name, editor.Password);
        var slug = "made-" + Guid.NewGuid().ToString("N")[..8];
        await page.GetByTestId("new-set-slug").FillAsync("Not A Slug");
        await page.GetByTestId("new-set-title").FillAsync("Export rules");
        await page.GetByTestId("new-set-submit").ClickAsync();
        await Expect(page.Locator("[data-error-for=slug]")).ToContainTextAsync("lower-case");
        await Expect(page.GetByTestId("new-set-slug")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByTestId("new-set-slug").FillAsync(slug);
        await page.GetByTestId("new-set-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/EventSets/{slug}$"));
        await Expect(page.GetByTestId("add-event")).ToBeVisibleAsync();
        await browser.MarkAsync();

        await page.GetByTestId("add-event").ClickAsync();
        await page.GetByTestId("event-id").FillAsync("X1");
        await page.GetByTestId("event-title").FillAsync("Licence rule proposed");
        await page.GetByTestId("event-label").FillAsync("Rule");
        await page.GetByTestId("event-summary").FillAsync("A proposal.");
        await page.GetByTestId("event-category").SelectOptionAsync("legal");
        await page.GetByTestId("event-stage").SelectOptionAsync("proposal");
        await page.GetByTestId("event-jurisdictions").FillAsync("NL, US");
        await page.GetByTestId("event-companies").FillAsync("ASML");
        await page.GetByTestId("event-date").FillAsync("2023-03-08");
        await page.GetByTestId("event-endDate").FillAsync("2023-03-01");
        await page.GetByTestId("event-announced").FillAsync("2023-03-08T17:05");
        await page.GetByTestId("event-timeZone").FillAsync("Europe/Nowhere");
        await page.GetByTestId("add-source").ClickAsync();
        await page.GetByTestId("source-url").FillAsync("not a url");
        await page.GetByTestId("event-save").ClickAsync();

        // Every refusal next to the field it names; nothing stored.
        await Expect(page.Locator("[data-error-for=endDate]")).ToContainTextAsync("before date 2023-03-08");
        await Expect(page.Locator("[data-error-for=timeZone]")).ToContainTextAsync("Europe/Nowhere");
        await Expect(page.Locator("[data-error-for=sources]")).ToContainTextAsync("not an http or https URL");
        await Expect(page.GetByTestId("event-endDate")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.EventRow("X1")).ToHaveCountAsync(0);

        await page.GetByTestId("event-endDate").FillAsync("2023-06-30");
        await page.GetByTestId("event-timeZone").FillAsync("Europe/Amsterdam");
        await page.GetByTestId("source-url").FillAsync("https://example.org/rule");
        await page.GetByTestId("source-publisher").FillAsync("Government");
        await page.GetByTestId("source-official").CheckAsync();
        await page.GetByTestId("event-firstPublic").FillAsync("2023-03-07");
        await page.GetByTestId("event-confidence").SelectOptionAsync("high");
        await page.GetByTestId("event-notes").FillAsync("Checked.");
        await page.GetByTestId("event-save").ClickAsync();

        var row = page.EventRow("X1");
        await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("2023-03-08 – 2023-06-30");
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("Licence rule proposed");
        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("2023-03-07 (2023-03-08T17:05 Europe/Amsterdam)");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "Government" })).ToHaveAttributeAsync("href", "https://example.org/rule");
        await Expect(page.GetByTestId("event-form")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("set-version")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("export-json")).ToHaveAttributeAsync("href", $"/api/event-sets/{slug}/export.json?version=2");

        // Every field comes back into the edit form as stored.
        await row.GetByRole(AriaRole.Button, new() { Name = "Edit event X1" }).ClickAsync();
        await Expect(page.GetByTestId("event-id")).ToHaveValueAsync("X1");
        await Expect(page.GetByTestId("event-id")).ToHaveAttributeAsync("readonly", "");
        await Expect(page.GetByTestId("event-jurisdictions")).ToHaveValueAsync("NL, US");
        await Expect(page.GetByTestId("event-announced")).ToHaveValueAsync("2023-03-08T17:05");
        await Expect(page.GetByTestId("event-timeZone")).ToHaveValueAsync("Europe/Amsterdam");
        await Expect(page.GetByTestId("source-official")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("event-confidence")).ToHaveValueAsync("high");
        await page.GetByTestId("event-title").FillAsync("Licence rule adopted");
        await page.GetByTestId("event-stage").SelectOptionAsync("decision");
        await page.GetByTestId("event-save").ClickAsync();
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("Licence rule adopted");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("decision");

        await row.GetByRole(AriaRole.Button, new() { Name = "History event X1" }).ClickAsync();
        var history = page.Locator("[data-history-of=X1]");
        await Expect(history.Locator("li")).ToHaveCountAsync(2);
        await Expect(history.Locator("li").First).ToContainTextAsync($"Version 3");
        await Expect(history.Locator("li").First).ToContainTextAsync($"{editor.Name}: changed");
        await Expect(history.Locator("li").First.Locator("del")).ToHaveTextAsync(["Licence rule proposed", "proposal"]);
        await Expect(history.Locator("li").First.Locator("ins")).ToHaveTextAsync(["Licence rule adopted", "decision"]);
        await Expect(history.Locator("li").Nth(1)).ToContainTextAsync("added");

        await row.GetByRole(AriaRole.Button, new() { Name = "Delete event X1" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Keep event X1" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete event X1" }).ClickAsync();
        await page.GetByTestId("confirm-delete").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("set-version")).ToHaveTextAsync("4");
        await Expect(page.GetByTestId("shown-count")).ToHaveTextAsync("0 of 0 events shown");
        await browser.AssertNotReloadedAsync();
        browser.AssertNoUncaughtErrors();

        using var api = await app.ApiClientAsync();
        var (version, titles) = await api.ReadSetAsync(slug);
        Assert.Equal(4, version);
        Assert.Empty(titles);
    }

    [Fact]
    public async Task The_table_sorts_and_filters_from_the_keyboard_and_the_address_keeps_the_choice()
    {
        using var api = await app.ApiClientAsync(await app.CreateUserAsync(Roles.Editor));
        var slug = await api.CreateSetAsync("Sorting", [
            new { id = "B", title = "beta", category = "legal", stage = "decision", date = "2020-03-05" },
            new { id = "A", title = "Alpha", category = "industry", stage = "rumour", date = "2020-03-09" },
            new { id = "C", title = "Gamma", category = "legal", stage = "rumour", date = "2020-03-01" },
            new { id = "D", title = "Delta", category = "us-pressure", date = "2020-03-03" },
        ]);
        await using var browser = await app.NewDashboardPageAsync();
        var page = browser.Page;
        await browser.OpenSetAsync(slug);
        Assert.Equal(["C", "D", "B", "A"], await page.ShownIdsAsync());
        await Expect(page.Locator("th[data-sort-key=date]")).ToHaveAttributeAsync("aria-sort", "ascending");

        var title = page.Locator("th[data-sort-key=title] a");
        await title.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("th[data-sort-key=title]")).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(page.Locator("th[data-sort-key=date]")).Not.ToHaveAttributeAsync("aria-sort", "ascending");
        Assert.Equal(["A", "D", "C", "B"], await page.ShownIdsAsync());
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("th[data-sort-key=title]")).ToHaveAttributeAsync("aria-sort", "descending");
        Assert.Equal(["B", "C", "D", "A"], await page.ShownIdsAsync());

        await page.Locator("th[data-sort-key=stage] a").PressAsync("Enter");
        Assert.Equal(["B", "A", "C", "D"], await page.ShownIdsAsync());
        await page.Locator("th[data-sort-key=category] a").PressAsync("Enter");
        Assert.Equal(["A", "B", "C", "D"], await page.ShownIdsAsync());

        await page.GetByTestId("stage-filter").FocusAsync();
        await page.GetByTestId("stage-filter").SelectOptionAsync("rumour");
        await Expect(page.GetByTestId("shown-count")).ToHaveTextAsync("2 of 4 events shown");
        Assert.Equal(["A", "C"], await page.ShownIdsAsync());
        await page.GetByTestId("category-filter").SelectOptionAsync("legal");
        await Expect(page.GetByTestId("shown-count")).ToHaveTextAsync("1 of 4 events shown");
        Assert.Equal(["C"], await page.ShownIdsAsync());
        Assert.EndsWith("stage=rumour&category=legal&sort=category", page.Url, StringComparison.Ordinal);

        // The address reopens the same view, drawn first by the server.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("shown-count")).ToHaveTextAsync("1 of 4 events shown");
        Assert.Equal(["C"], await page.ShownIdsAsync());
        browser.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_second_browser_sees_an_event_edited_in_the_first_without_reloading()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        var slug = await api.CreateSetAsync("Live", [
            new { id = "L1", title = "Before", category = "legal", date = "2020-03-05" },
            new { id = "L2", title = "Other", category = "legal", date = "2020-03-06" },
        ]);
        await using var writer = await app.NewDashboardPageAsync();
        await using var viewer = await app.NewDashboardPageAsync();
        await writer.OpenSetAsync(slug, editor);
        await viewer.OpenSetAsync(slug);
        await Expect(viewer.ConnectionStatus).ToHaveTextAsync("connected");
        await viewer.MarkAsync();

        await writer.Page.EventRow("L1").GetByRole(AriaRole.Button, new() { Name = "Edit event L1" }).ClickAsync();
        await writer.Page.GetByTestId("event-title").FillAsync("After, live");
        await writer.Page.GetByTestId("event-save").ClickAsync();
        await Expect(viewer.Page.EventRow("L1").Locator("td").Nth(1)).ToHaveTextAsync("After, live");
        await Expect(viewer.Page.GetByTestId("set-version")).ToHaveTextAsync("4");
        await Expect(viewer.Page.GetByTestId("export-csv")).ToHaveAttributeAsync("href", $"/api/event-sets/{slug}/export.csv?version=4");

        await writer.Page.EventRow("L2").GetByRole(AriaRole.Button, new() { Name = "Delete event L2" }).ClickAsync();
        await writer.Page.GetByTestId("confirm-delete").ClickAsync();
        await Expect(viewer.Page.EventRow("L2")).ToHaveCountAsync(0);
        await Expect(viewer.Page.Locator("#set-history li").First).ToContainTextAsync("event L2 deleted");
        await viewer.AssertNotReloadedAsync();
        viewer.AssertNoScriptErrors();
        writer.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_version_in_the_address_pins_the_page_read_only()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        var slug = await api.CreateSetAsync("Pinned", [new { id = "P1", title = "First", category = "legal", date = "2020-03-05" }]);
        using (var changed = await api.PutAsJsonAsync($"/api/event-sets/{slug}/events/P1", new { title = "Second", category = "legal", date = "2020-03-05" }))
        {
            Assert.True(changed.IsSuccessStatusCode);
        }
        await using var browser = await app.NewDashboardPageAsync();
        await browser.OpenSetAsync(slug, editor, "?version=2");

        await Expect(browser.Page.EventRow("P1").Locator("td").Nth(1)).ToHaveTextAsync("First");
        await Expect(browser.Page.GetByTestId("pinned-notice")).ToContainTextAsync("now at version 3");
        await Expect(browser.Page.GetByTestId("add-event")).ToHaveCountAsync(0);
        await Expect(browser.Page.EventRow("P1").GetByRole(AriaRole.Button, new() { Name = "Edit event P1" })).ToHaveCountAsync(0);
        await Expect(browser.Page.GetByTestId("export-ics")).ToHaveAttributeAsync("href", $"/api/event-sets/{slug}/export.ics?version=2");
        browser.AssertNoScriptErrors();
    }
}
