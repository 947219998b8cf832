using System.Globalization;
using System.Net.Http.Json;
using MarketContext.TestSupport;
using Microsoft.Playwright;
using static MarketContext.BrowserTests.ChartGeometry;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>Reading the chart: the crosshair's values are the stored prices of the day, in the chart's mode.</summary>
[Collection(DashboardCollection.Name)]
public sealed class CrosshairTests(DashboardFixture app)
{
    [Theory]
    [InlineData("rebased")]
    [InlineData("price")]
    [InlineData("percent")]
    public async Task The_readout_shows_each_series_stored_value_of_the_day_and_its_change_in_the_mode(string mode)
    {
        await using var dashboard = await app.OpenDashboardAsync(path: $"/?mode={mode}&from=2019-03-01&to=2019-12-31");
        var page = dashboard.Page;
        await WaitForChartAsync(page);
        var spot = await SpotAsync(page, 0.42);

        await page.Mouse.MoveAsync(spot.X, spot.Y);

        var date = page.GetByTestId("readout-date");
        await Expect(date).ToHaveTextAsync(IsoDate());
        var day = await date.TextContentAsync();
        await Expect(page.Locator("#crosshair")).ToBeVisibleAsync();
        foreach (var symbol in new[] { "ERIC", "NOK" })
        {
            var (value, change) = await ExpectedAsync(symbol, day!, mode, "2019-03-01", "2019-12-31");
            var row = page.Locator($"[data-testid=chart-readout] .readout-series[data-symbol={symbol}]");
            Assert.Equal(value, double.Parse((await row.Locator(".value").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture), 4);
            Assert.Equal(change, double.Parse((await row.Locator(".change").GetAttributeAsync("data-change"))!, CultureInfo.InvariantCulture), 4);
        }
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_series_longer_than_one_page_of_the_price_listing_reads_its_recent_days()
    {
        await using var dashboard = await app.OpenDashboardAsync(path: "/?symbols=LONG&mode=price&from=2019-03-01&to=2019-12-31");
        var page = dashboard.Page;
        await WaitForChartAsync(page);
        var spot = await SpotAsync(page, 0.6);

        await page.Mouse.MoveAsync(spot.X, spot.Y);

        var date = page.GetByTestId("readout-date");
        await Expect(date).ToHaveTextAsync(IsoDate());
        var (value, change) = await ExpectedAsync("LONG", (await date.TextContentAsync())!, "price", "2019-03-01", "2019-12-31");
        var row = page.Locator("[data-testid=chart-readout] .readout-series[data-symbol=LONG]");
        Assert.Equal(value, double.Parse((await row.Locator(".value").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture), 4);
        Assert.Equal(change, double.Parse((await row.Locator(".change").GetAttributeAsync("data-change"))!, CultureInfo.InvariantCulture), 4);
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task After_an_import_the_next_view_reads_the_new_prices()
    {
        var editor = await app.CreateUserAsync("editor");
        using var api = await app.ApiClientAsync(editor);
        var days = PriceFixtures.Weekdays(new DateOnly(2019, 3, 1), 200);
        (await api.PostAsync("/api/series/REDO/import", Api.Csv(PriceFixtures.Yahoo(10, 0.01, rows: days.Count, from: days[0])))).EnsureSuccessStatusCode();
        await using var dashboard = await app.OpenDashboardAsync(path: "/?symbols=REDO&mode=price&from=2019-03-01&to=2019-12-31");
        var page = dashboard.Page;
        await WaitForChartAsync(page);
        var spot = await SpotAsync(page, 0.5);
        await page.Mouse.MoveAsync(spot.X, spot.Y);
        var date = page.GetByTestId("readout-date");
        await Expect(date).ToHaveTextAsync(IsoDate());
        var row = days.ToList().IndexOf(DateOnly.Parse((await date.TextContentAsync())!, CultureInfo.InvariantCulture));
        var value = page.Locator("[data-testid=chart-readout] .readout-series[data-symbol=REDO] .value");
        await Expect(value).ToHaveAttributeAsync("data-value", PriceFixtures.CloseOf(10, 0.01, row).ToString(CultureInfo.InvariantCulture));

        // Every close moves up by 30; the page is not reloaded, only its view changes (a log scale reads the same values).
        (await api.PostAsync("/api/series/REDO/import", Api.Csv(PriceFixtures.Yahoo(40, 0.01, rows: days.Count, from: days[0])))).EnsureSuccessStatusCode();
        await page.Locator("#log").CheckAsync();
        await page.Mouse.MoveAsync(spot.X, spot.Y + 5);

        await Expect(value).ToHaveAttributeAsync("data-value", PriceFixtures.CloseOf(40, 0.01, row).ToString(CultureInfo.InvariantCulture));
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Arrow_keys_on_the_focused_chart_move_the_crosshair_a_trading_day_and_the_readout_is_announced()
    {
        await using var dashboard = await app.OpenDashboardAsync(path: "/?from=2019-03-01&to=2019-12-31");
        var page = dashboard.Page;
        await WaitForChartAsync(page);
        var readout = page.GetByTestId("chart-readout");
        await Expect(readout).ToHaveAttributeAsync("aria-live", "polite");

        await page.GetByTestId("chart").FocusAsync();
        await Expect(page.GetByTestId("readout-date")).ToHaveTextAsync(IsoDate());
        await page.Keyboard.PressAsync("Home");
        await Expect(page.GetByTestId("readout-date")).ToHaveTextAsync("2019-03-01");
        await page.Keyboard.PressAsync("ArrowRight");
        // 2019-03-01 is a Friday: the next trading day is the Monday.
        await Expect(page.GetByTestId("readout-date")).ToHaveTextAsync("2019-03-04");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByTestId("readout-date")).ToHaveTextAsync("2019-03-05");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(page.GetByTestId("readout-date")).ToHaveTextAsync("2019-03-04");
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_readout_names_the_events_of_the_day()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var events = await http.GetFromJsonAsync<List<EventDay>>("/api/events");
        var single = events!.First(e => e.EndDate is null && e.Precision == "day" && e.FirstPublic is { } d && string.CompareOrdinal(d, "2019-03-01") > 0 && string.CompareOrdinal(d, "2019-12-31") < 0
            && DateOnly.Parse(d, CultureInfo.InvariantCulture).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        await using var dashboard = await app.OpenDashboardAsync(path: "/?from=2019-03-01&to=2019-12-31");
        var page = dashboard.Page;
        await WaitForChartAsync(page);

        await page.GetByTestId("chart").FocusAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(page.GetByTestId("readout-date")).ToHaveTextAsync("2019-03-01");
        while (await page.GetByTestId("readout-date").TextContentAsync() != single.FirstPublic)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(page.Locator($"[data-testid=chart-readout] .readout-event[data-event-id={single.Id}]")).ToContainTextAsync(single.Title);
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task On_a_phone_the_title_fits_the_controls_fold_away_and_a_touch_reads_the_chart()
    {
        await using var dashboard = await app.OpenDashboardAsync(width: 390, height: 844, touch: true);
        var page = dashboard.Page;
        await WaitForChartAsync(page);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");

        var overflowing = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 391 && e.offsetParent !== null)
                .map((e) => `${e.tagName}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).slice(0, 8).join(', ')
            """);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "The page scrolls sideways at 390 px: " + overflowing);
        await Expect(page.Locator("#view-controls")).ToBeHiddenAsync();
        var box = (await page.GetByTestId("chart").BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height <= 844, $"The chart ends at {box.Y + box.Height} px, below the first screen.");
        Assert.True(box.Width <= 390);
        var src = await page.Locator("#chart-image").GetAttributeAsync("src");
        var width = int.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), src).Query)["width"]!, CultureInfo.InvariantCulture);
        Assert.True(width <= 390, $"The picture is drawn {width} px wide.");

        var spot = await SpotAsync(page, 0.5);
        await page.Touchscreen.TapAsync(spot.X, spot.Y);
        await Expect(page.GetByTestId("readout-date")).ToHaveTextAsync(IsoDate());
        // The middle of the article window, where the finger was; not the last day.
        Assert.InRange(DateOnly.Parse((await page.GetByTestId("readout-date").TextContentAsync())!, CultureInfo.InvariantCulture), new DateOnly(2019, 7, 1), new DateOnly(2019, 12, 31));
        await Expect(page.Locator("[data-testid=chart-readout] .readout-series[data-symbol=ERIC] .value")).ToHaveAttributeAsync("data-value", new System.Text.RegularExpressions.Regex("^[0-9.]+$"));

        if (Environment.GetEnvironmentVariable("MARKETCONTEXT_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(folder).FullName, "dashboard-phone.png") });
        }
        await page.Locator("#controls-toggle").TapAsync();
        await Expect(page.Locator("#view-controls")).ToBeVisibleAsync();
        await Expect(page.Locator("#controls-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        dashboard.AssertNoScriptErrors();
    }

    /// <summary>The value and day-over-day change in percent the chart plots for a symbol on a day, from the prices API.</summary>
    private async Task<(double Value, double Change)> ExpectedAsync(string symbol, string day, string mode, string from, string to)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        // The days around the shown range fit one page of the listing, with the day before the first for its change.
        var bars = (await http.GetFromJsonAsync<List<Bar>>($"/api/series/{symbol}/prices?from=2018-12-01&to=2020-06-30"))!;
        double Basis(Bar b) => mode == "price" ? b.Close!.Value : b.AdjClose ?? b.Close!.Value;
        var first = bars.First(b => string.CompareOrdinal(b.Date, from) >= 0 && string.CompareOrdinal(b.Date, to) <= 0);
        var index = bars.FindIndex(b => b.Date == day);
        Assert.True(index > 0, $"{symbol} has no bar on {day}.");
        var bar = bars[index];
        var value = mode switch
        {
            "price" => bar.Close!.Value,
            "percent" => (Basis(bar) / Basis(first) - 1) * 100,
            _ => Basis(bar) / Basis(first) * 100,
        };
        return (value, (Basis(bar) / Basis(bars[index - 1]) - 1) * 100);
    }

    private sealed record Bar(string Date, double? Close, double? AdjClose);

    private sealed record EventDay(string Id, string Title, string? EndDate, string Precision, string? FirstPublic);
}
