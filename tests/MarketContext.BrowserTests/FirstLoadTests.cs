using MarketContext.TestSupport;
using Microsoft.Playwright;
using static MarketContext.BrowserTests.ChartGeometry;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// What a first visit costs over the wire, on the real price history (read in place from
/// <c>MarketContext__PricesDirectory</c>): the dashboard with its crosshair, navigator, events and annotations.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class FirstLoadTests(DashboardFixture app) : IAsyncLifetime
{
    private const long Budget = 500 * 1024;
    private const string Variable = "MarketContext__PricesDirectory";

    private readonly TempFolder _folder = new();
    private MarketContextFactory? _real;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        var prices = Environment.GetEnvironmentVariable(Variable);
        Assert.False(string.IsNullOrWhiteSpace(prices), $"Set {Variable} to the folder holding the real ERIC.csv, NOK.csv and QQQ.csv (scripts/test.sh sets it).");
        Assert.True(File.Exists(Path.Combine(prices, "ERIC.csv")), $"{Variable}={prices} has no ERIC.csv.");
        _real = new MarketContextFactory(_folder.Combine("db", "real.db"), prices, _folder.Combine("keys"));
        _address = new Uri(_real.StartKestrel());
        using var http = new HttpClient { BaseAddress = _address };
        for (var tries = 0; !(await http.GetAsync("/healthz")).IsSuccessStatusCode; tries++)
        {
            Assert.True(tries < 300, "The app over the real prices did not become healthy.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_real is not null)
        {
            await _real.DisposeAsync();
        }
        _folder.Dispose();
    }

    [Fact]
    public async Task A_first_dashboard_load_transfers_at_most_500_KB_with_its_crosshair_and_navigator()
    {
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _address.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        var received = new Dictionary<string, long>();
        var urls = new Dictionary<string, string>();
        cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
        {
            lock (urls)
            {
                urls[e!.Value.GetProperty("requestId").GetString()!] = e.Value.GetProperty("request").GetProperty("url").GetString()!;
            }
        };
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            lock (received)
            {
                received[e!.Value.GetProperty("requestId").GetString()!] = (long)e.Value.GetProperty("encodedDataLength").GetDouble();
            }
        };
        await cdp.SendAsync("Network.enable");

        await page.GotoAsync("/");
        await Expect(page.Locator("#connection-status")).ToHaveTextAsync("connected");
        await WaitForChartAsync(page);
        // Every feature of the first screen has what it needs: the navigator's strip and the readout's values.
        await page.WaitForFunctionAsync("() => document.querySelector('#chart-navigator canvas').width > 0");
        var spot = await SpotAsync(page, 0.5);
        await page.Mouse.MoveAsync(spot.X, spot.Y);
        await Expect(page.Locator("[data-testid=chart-readout] .readout-series[data-symbol=ERIC] .value")).ToHaveAttributeAsync("data-value", new System.Text.RegularExpressions.Regex("^[0-9.]+$"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(await page.EvaluateAsync<bool>("""
            () => {
              const c = document.querySelector('#chart-navigator canvas');
              return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0);
            }
            """), "The navigator's strip is blank.");
        Assert.True(await page.Locator("#chart-overlay .marker").CountAsync() > 0, "No event markers on the chart.");

        long total;
        string largest;
        lock (received)
        {
            total = received.Values.Sum();
            largest = string.Join(", ", received.OrderByDescending(r => r.Value).Take(5)
                .Select(r => $"{(urls.TryGetValue(r.Key, out var url) ? new Uri(url).PathAndQuery : r.Key)} {r.Value / 1024.0:F0} KB"));
        }
        Console.WriteLine($"First dashboard load: {total / 1024.0:F0} KB in {received.Count} responses; largest: {largest}");
        Assert.True(total <= Budget, $"A first load transferred {total / 1024.0:F0} KB (budget {Budget / 1024} KB); largest: {largest}");
    }
}
