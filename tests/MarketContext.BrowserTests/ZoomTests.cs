using MarketContext.Web.Features.Auth;
using static MarketContext.BrowserTests.ChartGeometry;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>Zoom and pan as in other chart tools; the address follows the range, so a link reproduces it.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ZoomTests(DashboardFixture app)
{
    private static readonly (DateOnly, DateOnly) ArticleWindow = (new(2019, 1, 1), new(2020, 6, 30));

    [Fact]
    public async Task Dragging_across_the_plot_zooms_to_those_days_and_a_double_click_returns_to_the_preset()
    {
        await using var dashboard = await app.OpenDashboardAsync();
        var page = dashboard.Page;
        await WaitForChartAsync(page);
        var (left, right) = (await SpotAsync(page, 0.2), await SpotAsync(page, 0.5));

        await DragAsync(page, left, right);

        var (from, to) = await WaitForRangeChangeAsync(page, ArticleWindow);
        Assert.InRange(from, new DateOnly(2019, 3, 15), new DateOnly(2019, 5, 15));
        Assert.InRange(to, new DateOnly(2019, 8, 15), new DateOnly(2019, 10, 15));
        await Expect(page.Locator("#chart-image")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"from={Iso(from)}&to={Iso(to)}"));
        await Expect(page.Locator("#range-from")).ToHaveValueAsync(Iso(from));

        var spot = await SpotAsync(page, 0.5);
        await page.Mouse.DblClickAsync(spot.X, spot.Y);

        Assert.Equal(ArticleWindow, await WaitForRangeChangeAsync(page, (from, to)));
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_wheel_zooms_in_and_out_around_the_pointer_and_Reset_returns_to_the_preset()
    {
        await using var dashboard = await app.OpenDashboardAsync();
        var page = dashboard.Page;
        await WaitForChartAsync(page);
        var spot = await SpotAsync(page, 0.5);
        await page.Mouse.MoveAsync(spot.X, spot.Y);

        await page.Mouse.WheelAsync(0, -300);
        var zoomedIn = await WaitForRangeChangeAsync(page, ArticleWindow);
        await page.Mouse.WheelAsync(0, 150);
        var zoomedOut = await WaitForRangeChangeAsync(page, zoomedIn);

        static int Days((DateOnly From, DateOnly To) r) => r.To.DayNumber - r.From.DayNumber;
        Assert.True(Days(zoomedIn) < Days(ArticleWindow) * 0.7, $"{zoomedIn} is not narrower than the article window.");
        Assert.True(zoomedIn.From > ArticleWindow.Item1 && zoomedIn.To < ArticleWindow.Item2, "Zooming around the middle keeps both ends inside.");
        Assert.True(Days(zoomedOut) > Days(zoomedIn), $"{zoomedOut} is not wider than {zoomedIn}.");

        await page.GetByTestId("zoom-reset").ClickAsync();
        Assert.Equal(ArticleWindow, await WaitForRangeChangeAsync(page, zoomedOut));
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Dragging_the_navigators_brush_pans_and_its_edge_resizes_the_window()
    {
        await using var dashboard = await app.OpenDashboardAsync();
        var page = dashboard.Page;
        await WaitForChartAsync(page);
        await DragAsync(page, await SpotAsync(page, 0.1), await SpotAsync(page, 0.35));
        var zoomed = await WaitForRangeChangeAsync(page, ArticleWindow);
        var brush = page.GetByTestId("navigator-brush");
        await Expect(brush).ToBeVisibleAsync();
        await brush.ScrollIntoViewIfNeededAsync();
        var box = (await brush.BoundingBoxAsync())!;

        await DragAsync(page, (box.X + box.Width / 2, box.Y + box.Height / 2), (box.X + box.Width / 2 + 200, box.Y + box.Height / 2));
        var panned = await WaitForRangeChangeAsync(page, zoomed);

        Assert.True(panned.From > zoomed.From && panned.To > zoomed.To, $"{zoomed} did not move later: {panned}.");
        Assert.InRange(panned.To.DayNumber - panned.From.DayNumber, zoomed.To.DayNumber - zoomed.From.DayNumber - 2, zoomed.To.DayNumber - zoomed.From.DayNumber + 2);

        box = (await page.GetByTestId("navigator-end").BoundingBoxAsync())!;
        await DragAsync(page, (box.X + box.Width / 2, box.Y + box.Height / 2), (box.X + box.Width / 2 + 120, box.Y + box.Height / 2));
        var widened = await WaitForRangeChangeAsync(page, panned);

        Assert.Equal(panned.From, widened.From);
        Assert.True(widened.To > panned.To);
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Ctrl_click_on_a_day_starts_a_point_annotation_that_appears_on_the_chart_once_saved()
    {
        await using var dashboard = await app.OpenDashboardAsync(await app.CreateUserAsync(Roles.Editor));
        var page = dashboard.Page;
        await WaitForChartAsync(page);
        var spot = await SpotAsync(page, 0.3);

        await page.Keyboard.DownAsync("Control");
        await page.Mouse.ClickAsync(spot.X, spot.Y);
        await page.Keyboard.UpAsync("Control");

        var date = page.GetByTestId("annotation-date");
        await Expect(date).ToHaveValueAsync(IsoDate());
        await Expect(page.GetByTestId("annotation-end-date")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("annotation-text")).ToBeFocusedAsync();
        Assert.Equal(ArticleWindow, UrlRange(page));
        var text = $"Ctrl-click note {Guid.NewGuid():N}"[..26];
        await page.GetByTestId("annotation-text").FillAsync(text);
        await page.GetByTestId("annotation-submit").ClickAsync();

        var item = dashboard.AnnotationWithText(text);
        await Expect(item).ToHaveCountAsync(1);
        var id = await item.GetAttributeAsync("data-annotation-id");
        await Expect(page.Locator($"#annotation-layer line[data-annotation-id=\"{id}\"]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#annotation-layer text").Filter(new() { HasText = text })).ToHaveCountAsync(1);
        await Expect(page.Locator($"[data-testid=chart] .marker[data-kind=annotation][data-id=\"{id}\"]")).ToBeAttachedAsync();
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_editor_can_annotate_from_the_keyboard_a_day_and_a_period()
    {
        await using var dashboard = await app.OpenDashboardAsync(await app.CreateUserAsync(Roles.Editor), path: "/?from=2019-03-01&to=2019-12-31");
        var page = dashboard.Page;
        await WaitForChartAsync(page);

        await page.GetByTestId("chart").FocusAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(page.GetByTestId("readout-date")).ToHaveTextAsync("2019-03-01");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("annotation-date")).ToHaveValueAsync("2019-03-01");
        await Expect(page.GetByTestId("annotation-text")).ToBeFocusedAsync();

        await page.GetByTestId("chart").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("Shift+Enter");

        await Expect(page.GetByTestId("annotation-date")).ToHaveValueAsync("2019-03-01");
        await Expect(page.GetByTestId("annotation-end-date")).ToHaveValueAsync("2019-03-05");
        dashboard.AssertNoScriptErrors();
    }
}
