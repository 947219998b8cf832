using System.Net.Http.Json;
using MarketContext.Web.Features.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>The view travels in its link; days are picked on the chart; an annotation's changes can be read back.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ViewAndHistoryTests(DashboardFixture app)
{
    private static async Task<string> ChartQueryAsync(IPage page)
    {
        var src = await page.Locator("#chart-image").GetAttributeAsync("src");
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), src).Query);
        query.Remove("v");
        query.Remove("scale");
        return string.Join('&', query.AllKeys.Order(StringComparer.Ordinal).Select(k => $"{k}={query[k]}"));
    }

    [Fact]
    public async Task Copy_link_reproduces_the_view_exactly_in_another_browser()
    {
        await using var first = await app.OpenDashboardAsync();
        var page = first.Page;
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GetByTestId("view-event-time").CheckAsync();
        await page.GetByTestId("event-ids").SelectOptionAsync(["E11", "E25"]);
        await page.Locator("#window").FillAsync("5");
        await page.Locator("#window").DispatchEventAsync("change");
        await page.GetByTestId("benchmark").CheckAsync();
        await page.Locator("#mode").SelectOptionAsync("percent");
        foreach (var part in new[] { "view=event-time", "eventIds=E11%2CE25", "window=5", "benchmark=true", "mode=percent" })
        {
            await Expect(page.Locator("#chart-image")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(part)));
        }
        var shown = await ChartQueryAsync(page);

        await page.GetByTestId("copy-link").ClickAsync();
        var link = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        await using var second = await app.NewDashboardPageAsync();
        await second.Page.GotoAsync(link);
        await Expect(second.ConnectionStatus).ToHaveTextAsync("connected");
        await Expect(second.Page.Locator("#chart-image")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("view=event-time"));

        Assert.Equal(page.Url, link);
        Assert.Equal(shown, await ChartQueryAsync(second.Page));
        await Expect(second.Page.GetByTestId("view-event-time")).ToBeCheckedAsync();
        await Expect(second.Page.GetByTestId("benchmark")).ToBeCheckedAsync();
        await Expect(second.Page.Locator("#mode")).ToHaveValueAsync("percent");
        Assert.Equal(["E11", "E25"], await second.Page.GetByTestId("event-ids").EvaluateAsync<string[]>("s => [...s.selectedOptions].map(o => o.value)"));
        first.AssertNoScriptErrors();
        second.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Ctrl_dragging_across_days_starts_an_annotation_with_an_end_date_and_leaves_the_range_alone()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        await using var dashboard = await app.OpenDashboardAsync(editor);
        var page = dashboard.Page;
        await Expect(page.Locator(".marker").First).ToBeAttachedAsync();
        // Two free spots on the chart, away from any event line, a few hundred pixels apart.
        var spots = await page.EvaluateAsync<double[]>("""
            () => {
              const overlay = document.getElementById('chart-overlay');
              const box = overlay.getBoundingClientRect();
              const y = box.top + box.height * 0.6;
              const free = x => document.elementFromPoint(x, y) === overlay;
              const from = [...Array(200).keys()].map(i => box.left + box.width * (0.15 + i / 1000)).find(free);
              const to = [...Array(200).keys()].map(i => box.left + box.width * (0.45 + i / 1000)).find(free);
              return [from, to, y];
            }
            """);

        // A plain drag zooms; Ctrl (Cmd on a Mac) held while dragging marks the days for an annotation instead.
        await page.Mouse.MoveAsync((float)spots[0], (float)spots[2]);
        await page.Keyboard.DownAsync("Control");
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)spots[1], (float)spots[2], new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await page.Keyboard.UpAsync("Control");

        var start = await page.GetByTestId("annotation-date").InputValueAsync();
        var end = await page.GetByTestId("annotation-end-date").InputValueAsync();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", start);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", end);
        Assert.True(DateOnly.Parse(end) > DateOnly.Parse(start).AddDays(30), $"{start} … {end}");
        await Expect(page.GetByTestId("annotation-text")).ToBeFocusedAsync();
        Assert.Contains("from=2019-01-01", page.Url);
        Assert.Contains("to=2020-06-30", page.Url);
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_history_of_an_annotation_shows_who_changed_it_and_the_text_before_and_after()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        await using var dashboard = await app.OpenDashboardAsync(editor);
        var first = $"First wording {Guid.NewGuid():N}";
        var second = $"Second wording {Guid.NewGuid():N}";
        await dashboard.SubmitAnnotationAsync("2020-02-13", first);
        var item = dashboard.AnnotationWithText(first);
        await Expect(item).ToBeVisibleAsync();
        var id = await item.GetAttributeAsync("data-annotation-id");
        using (var api = await app.ApiClientAsync(editor))
        {
            (await api.PutAsJsonAsync($"/api/annotations/{id}", new { date = "2020-02-13", text = second })).EnsureSuccessStatusCode();
        }
        var updated = dashboard.AnnotationWithId(id!);
        await Expect(updated).ToContainTextAsync(second);

        await updated.GetByRole(AriaRole.Button, new() { Name = "History of the annotation of 2020-02-13" }).ClickAsync();

        var history = updated.GetByTestId("annotation-history");
        await Expect(history).ToBeVisibleAsync();
        await Expect(history.Locator("li")).ToHaveCountAsync(2);
        await Expect(history.Locator("li").Nth(0)).ToContainTextAsync($"added by {editor.Name}");
        await Expect(history.Locator("li").Nth(1)).ToContainTextAsync($"updated by {editor.Name}");
        await Expect(history.Locator("li").Nth(1).Locator(".before")).ToContainTextAsync(first);
        await Expect(history.Locator("li").Nth(1).Locator(".after")).ToContainTextAsync(second);
        dashboard.AssertNoScriptErrors();
    }
}
