using Microsoft.Playwright;

namespace MarketContext.BrowserTests;

/// <summary>
/// The chart comes first: on a laptop (1366×768) and on a phone (390×844) the whole picture, plot, axes and legend,
/// is on screen when the page opens, without scrolling, with the default controls.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ChartFirstTests(DashboardFixture app)
{
    public static TheoryData<int, int, string, string> Pages => new()
    {
        { 1366, 768, "/", "#chart-image" },
        { 390, 844, "/", "#chart-image" },
        { 1366, 768, "/?view=event-time&eventIds=E25", "#chart-image" },
        { 390, 844, "/?view=event-time&eventIds=E25", "#chart-image" },
        { 1366, 768, "/Events?selected=E25%3AERIC", "[data-testid=car-chart]" },
        { 390, 844, "/Events?selected=E25%3AERIC", "[data-testid=car-chart]" },
        { 1366, 768, "/Events/Aggregate?set=selection&eventIds=E25&eventIds=E27", "[data-testid=aggregate-chart]" },
        { 390, 844, "/Events/Aggregate?set=selection&eventIds=E25&eventIds=E27", "[data-testid=aggregate-chart]" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_whole_chart_is_on_screen_when_the_page_opens(int width, int height, string path, string picture)
    {
        await using var tab = await app.NewDashboardPageAsync(width, height, touch: width < 600);
        var page = tab.Page;
        await page.GotoAsync(path);
        await page.WaitForFunctionAsync("""
            (selector) => {
              const i = document.querySelector(selector);
              return i && i.complete && i.naturalWidth > 0 && (i.id !== 'chart-image' || i.src.includes('width='));
            }
            """, picture);

        var box = await page.EvaluateAsync<double[]>("""
            (selector) => {
              const r = document.querySelector(selector).getBoundingClientRect();
              return [r.top, r.bottom, r.left, r.right, window.scrollY, window.innerHeight, window.innerWidth];
            }
            """, picture);
        var (top, bottom, left, right, scrolled, viewHeight, viewWidth) = (box[0], box[1], box[2], box[3], box[4], box[5], box[6]);
        Assert.Equal(0, scrolled);
        Assert.True(top >= 0 && left >= 0, $"{path} at {width}×{height}: the chart starts at ({left}, {top}), off screen.");
        Assert.True(bottom <= viewHeight, $"{path} at {width}×{height}: the chart ends at y = {bottom}, below the window's {viewHeight}.");
        Assert.True(right <= viewWidth, $"{path} at {width}×{height}: the chart ends at x = {right}, beyond the window's {viewWidth}.");
        Assert.True(bottom - top >= 150, $"{path} at {width}×{height}: the chart is only {bottom - top} px tall.");
        tab.AssertNoScriptErrors();
    }
}
