using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MarketContext.Web.Features.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// The publication pages for every reader: axe finds no WCAG 2.2 AA violation on the Publish form (and its refusals),
/// the list and a publication's page, in light and dark, on a laptop and a phone; and a publication's picture is on
/// screen when its page opens.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PublicationAccessibilityTests(DashboardFixture app)
{
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    public static TheoryData<int, int, string> Screens => new()
    {
        { 1366, 768, "light" },
        { 1366, 768, "dark" },
        { 390, 844, "light" },
        { 390, 844, "dark" },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_publication_pages_pass_axe_with_no_violation(int width, int height, string scheme)
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        var published = await api.PublishAsync(new
        {
            kind = "chart",
            query = PublicationApi.ArticleChart,
            title = "Vendors through the article",
            subtitle = "Rebased to 100",
            notes = "Both fell on the UK decision.",
            source = "Exchange prices",
            byline = "Test desk",
            licence = "CC BY 4.0",
        });
        await using var tab = await app.NewDashboardPageAsync(width, height, touch: width < 600);
        var page = tab.Page;
        await page.EmulateMediaAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await tab.SignInAsync(editor.Name, editor.Password);
        var found = new List<string>();

        await page.GotoAsync("/Publish?kind=chart&query=" + Uri.EscapeDataString(PublicationApi.ArticleChart));
        await Expect(page.GetByTestId("publish-preview")).ToHaveJSPropertyAsync("complete", true);
        await CheckAsync(page, "the Publish form", found);
        await page.GetByTestId("publish-submit").ClickAsync();
        await Expect(page.Locator("[data-error-for=Title]")).Not.ToBeEmptyAsync();
        await CheckAsync(page, "the Publish form with its refusal", found);

        await page.GotoAsync($"/Publish?kind=chart&of={published.Slug}&query=" + Uri.EscapeDataString(PublicationApi.ArticleChart));
        await Expect(page.GetByTestId("publish-as-number")).ToBeCheckedAsync();
        await CheckAsync(page, "the Publish form publishing a new number", found);

        await page.GotoAsync("/Publications");
        await Expect(page.GetByTestId("publication-list")).ToBeVisibleAsync();
        await CheckAsync(page, "the list of publications", found);

        await page.GotoAsync(published.Url);
        await Expect(page.GetByTestId("publication-picture")).ToHaveJSPropertyAsync("complete", true);
        await CheckAsync(page, "a publication", found);
        await page.GetByTestId("embed-live").CheckAsync();
        await CheckAsync(page, "a publication with its live embed code", found);

        Assert.True(found.Count == 0, $"axe found {found.Count} violation(s) at {width}×{height}, {scheme}:\n{string.Join("\n", found)}");
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task A_publications_picture_is_whole_on_screen_when_its_page_opens(int width, int height)
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        var published = await api.PublishAsync(new { kind = "chart", query = PublicationApi.ArticleChart, title = "A long title for a small screen: the vendors through the article", subtitle = "Rebased to 100 on the first day" });
        await using var tab = await app.NewDashboardPageAsync(width, height, touch: width < 600);
        var page = tab.Page;
        await page.GotoAsync(published.Url);
        await Expect(page.GetByTestId("publication-picture")).ToHaveJSPropertyAsync("complete", true);
        var box = await page.EvaluateAsync<double[]>("""
            () => {
              const r = document.querySelector('[data-testid=publication-picture]').getBoundingClientRect();
              return [r.top, r.bottom, r.left, r.right, window.scrollY, window.innerHeight, window.innerWidth];
            }
            """);
        Assert.Equal(0, box[4]);
        Assert.True(box[0] >= 0 && box[2] >= 0, $"At {width}×{height} the picture starts at ({box[2]}, {box[0]}), off screen.");
        Assert.True(box[1] <= box[5] && box[3] <= box[6], $"At {width}×{height} the picture ends at ({box[3]}, {box[1]}), beyond the window {box[6]}×{box[5]}.");
        Assert.True(box[1] - box[0] >= 150, $"At {width}×{height} the picture is only {box[1] - box[0]} px tall.");
        tab.AssertNoScriptErrors();
    }

    private static async Task CheckAsync(IPage page, string state, List<string> found)
    {
        foreach (var violation in (await page.RunAxe(Wcag22AA)).Violations)
        {
            foreach (var node in violation.Nodes)
            {
                var why = string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message));
                found.Add($"{state}: {violation.Id} at {node.Target}: {why}");
            }
        }
    }
}
