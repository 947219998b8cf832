using static MarketContext.BrowserTests.ChartGeometry;

namespace MarketContext.BrowserTests;

/// <summary>A zoom stays inside the data and never narrower than five days, in whatever time zone the browser is.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ZoomBoundsTests(DashboardFixture app)
{
    // The fixture's ERIC and NOK (the vendors on the chart) trade from Wednesday 2 January 2019 to Tuesday 30 June 2020.
    private static readonly (DateOnly, DateOnly) Data = (new(2019, 1, 2), new(2020, 6, 30));
    private static readonly (DateOnly, DateOnly) ArticleWindow = (new(2019, 1, 1), new(2020, 6, 30));

    [Fact]
    public async Task Zooming_out_stops_at_the_datas_first_and_last_day_and_a_drag_over_its_last_days_shows_five()
    {
        await using var dashboard = await app.OpenDashboardAsync();
        var page = dashboard.Page;
        await WaitForChartAsync(page);
        var middle = await SpotAsync(page, 0.5);
        await page.Mouse.MoveAsync(middle.X, middle.Y);

        await page.Mouse.WheelAsync(0, 2000);
        Assert.Equal(Data, await WaitForRangeChangeAsync(page, ArticleWindow));

        // From about three days before the end to past the plot's right edge: the last day is where the drag ends.
        await WaitForChartAsync(page);
        var nearEnd = await SpotAsync(page, 0.995);
        await DragAsync(page, nearEnd, (nearEnd.X + 40, nearEnd.Y));
        Assert.Equal((new DateOnly(2020, 6, 25), new DateOnly(2020, 6, 30)), await WaitForRangeChangeAsync(page, Data));
        dashboard.AssertNoScriptErrors();
    }
}
