using System.Text.RegularExpressions;
using MarketContext.Web.Features.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// Publishing as an editor does it, from the dashboard's Publish link through the form to the publication's page; the
/// list; the words of a publication shown as text whatever they hold; and what changed since it was published.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class PublicationPageTests(DashboardFixture app)
{
    [Fact]
    public async Task An_editor_publishes_the_dashboard_view_and_lands_on_its_page_which_the_list_shows()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        await using var dashboard = await app.OpenDashboardAsync(editor, path: "/?view=time&range=custom&from=2019-03-01&to=2019-09-30&mode=percent&log=false&events=all&symbols=ERIC,NOK");
        var page = dashboard.Page;
        await ChartGeometry.WaitForChartAsync(page);
        var link = page.GetByTestId("publish-link");
        await Expect(link).ToHaveAttributeAsync("href", new Regex("from%3D2019-03-01.*mode%3Dpercent"));
        await link.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Publish\\?kind=chart"));
        var alt = page.GetByTestId("publish-alttext");
        await Expect(alt).ToHaveValueAsync(new Regex("ERIC|Ericsson"));
        await Expect(page.GetByTestId("publish-preview")).ToHaveJSPropertyAsync("complete", true);
        var title = $"Vendors in 2019 {Guid.NewGuid():N}"[..30];
        await page.GetByTestId("publish-title").FillAsync(title);
        await page.GetByTestId("publish-subtitle").FillAsync("Percent change, March to September");
        await page.GetByTestId("publish-source").FillAsync("Exchange closing prices");
        await page.GetByTestId("publish-byline").FillAsync("Desk of the test");
        await page.GetByTestId("publish-licence").FillAsync("CC BY 4.0");
        await page.GetByTestId("publish-notes").FillAsync("First line.\nSecond line.");
        await page.GetByTestId("publish-alttext").FillAsync("Both vendors' shares moved with the market in 2019.");
        await page.GetByTestId("publish-submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/p/vendors-in-2019-[0-9a-f]+/1$"));
        await Expect(page.GetByTestId("publication-title")).ToHaveTextAsync(title);
        await Expect(page.GetByTestId("publication-subtitle")).ToHaveTextAsync("Percent change, March to September");
        await Expect(page.GetByTestId("publication-source")).ToContainTextAsync("Exchange closing prices");
        await Expect(page.GetByTestId("publication-byline")).ToHaveTextAsync("Desk of the test");
        await Expect(page.GetByTestId("publication-licence")).ToContainTextAsync("CC BY 4.0");
        await Expect(page.GetByTestId("publication-notes")).ToHaveTextAsync("First line.\nSecond line.");
        await Expect(page.GetByTestId("publication-number")).ToHaveTextAsync("Number 1 of 1");
        var picture = page.GetByTestId("publication-picture");
        await Expect(picture).ToHaveAttributeAsync("alt", "Both vendors' shares moved with the market in 2019.");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=publication-picture]'); return i.complete && i.naturalWidth > 0; }");
        await Expect(page.GetByTestId("publication-pins")).ToContainTextAsync("huawei-5g-europe@");
        await Expect(page.GetByTestId("publication-downloads").Locator("a[data-format=csv]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("embed-code-frozen")).ToHaveValueAsync(new Regex("/embed/vendors-in-2019-[0-9a-f]+/1"));
        var address = new Uri(page.Url).AbsolutePath;

        await page.GotoAsync("/Publications");
        var row = page.GetByTestId("publication-list").Locator($"a[href='{address}']");
        await Expect(row).ToHaveTextAsync(title);
        await row.ClickAsync();
        await Expect(page.GetByTestId("publication-title")).ToHaveTextAsync(title);
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_title_left_empty_is_refused_beside_its_field_and_nothing_is_published()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        await using var tab = await app.NewDashboardPageAsync();
        await tab.SignInAsync(editor.Name, editor.Password);
        var page = tab.Page;
        await page.GotoAsync("/Publish?kind=chart&query=" + Uri.EscapeDataString(PublicationApi.ArticleChart));
        using var api = await app.ApiClientAsync();
        var before = await api.GetStringAsync("/api/publications");
        await page.GetByTestId("publish-submit").ClickAsync();
        await Expect(page.Locator("[data-error-for=Title]")).ToContainTextAsync("title is required");
        await Expect(page.GetByTestId("publish-title")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page).ToHaveURLAsync(new Regex("/Publish"));
        Assert.Equal(before, await api.GetStringAsync("/api/publications"));
    }

    [Fact]
    public async Task Hostile_words_in_every_field_are_shown_as_text_and_inject_nothing()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        string Hostile(string field) => $"<img src=x data-injected=\"{field}\" onerror=\"window.__injected='{field}'\">{field} \"'&amp;</textarea><script>window.__injected='{field}'</script>";
        var published = await api.PublishAsync(new
        {
            kind = "chart",
            query = PublicationApi.ArticleChart,
            title = Hostile("title"),
            subtitle = Hostile("subtitle"),
            notes = Hostile("notes"),
            source = Hostile("source"),
            byline = Hostile("byline"),
            licence = Hostile("licence"),
            altText = Hostile("alt"),
        });
        await using var tab = await app.NewDashboardPageAsync();
        var page = tab.Page;
        foreach (var path in new[] { published.Url, "/Publications" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("[data-injected]")).ToHaveCountAsync(0);
            Assert.Null(await page.EvaluateAsync<string?>("() => window.__injected ?? null"));
        }
        await page.GotoAsync(published.Url);
        await Expect(page.GetByTestId("publication-title")).ToHaveTextAsync(Hostile("title"));
        await Expect(page.GetByTestId("publication-subtitle")).ToHaveTextAsync(Hostile("subtitle"));
        await Expect(page.GetByTestId("publication-notes")).ToHaveTextAsync(Hostile("notes"));
        await Expect(page.GetByTestId("publication-source")).ToHaveTextAsync("Source: " + Hostile("source"));
        await Expect(page.GetByTestId("publication-byline")).ToHaveTextAsync(Hostile("byline"));
        await Expect(page.GetByTestId("publication-licence")).ToHaveTextAsync("Licence: " + Hostile("licence"));
        await Expect(page.GetByTestId("publication-picture")).ToHaveAttributeAsync("alt", Hostile("alt"));
        await Expect(page.GetByTestId("embed-code-frozen")).ToHaveValueAsync(new Regex("alt=\"&lt;img src=x data-injected=&quot;alt&quot;"));
        await Expect(page).ToHaveTitleAsync(new Regex(Regex.Escape(Hostile("title"))));
    }

    [Fact]
    public async Task What_changed_since_lists_an_annotation_added_after_publishing()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        var published = await api.PublishAsync(new { kind = "chart", query = PublicationApi.ArticleChart, title = "Before the note" });
        var text = $"Added after publishing {Guid.NewGuid():N}";
        await api.AddAnnotationAsync("2019-05-15", text);

        await using var tab = await app.NewDashboardPageAsync();
        var page = tab.Page;
        await page.GotoAsync(published.Url);
        var changes = page.GetByTestId("publication-changes");
        await Expect(changes).ToHaveAttributeAsync("data-changed", "true");
        await Expect(changes.GetByTestId("changed-annotations")).ToContainTextAsync($"added: 2019-05-15 “{text}”");
        await Expect(changes.GetByTestId("live-view-link")).ToHaveAttributeAsync("href", new Regex("^/\\?.*symbols=ERIC"));
    }
}
