using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>What Chromium itself loads: after a deploy no page can pair a new entry script with a stale module.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class WebRootTests(DashboardFixture app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Import")]
    public async Task Every_script_module_and_stylesheet_the_browser_loads_is_a_fingerprinted_file(string path)
    {
        await using var dashboard = await app.NewDashboardPageAsync();
        var loaded = new List<string>();
        dashboard.Page.Request += (_, request) =>
        {
            if (request.ResourceType is "script" or "stylesheet" && new Uri(request.Url).Authority == app.BaseAddress.Authority)
            {
                loaded.Add(new Uri(request.Url).AbsolutePath);
            }
        };

        await dashboard.Page.GotoAsync(path);
        await Expect(dashboard.Page.Locator("#main")).ToBeVisibleAsync();
        await dashboard.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // The modules behind the entry scripts came through the import map, not by their plain names.
        Assert.Contains(loaded, u => u.StartsWith("/js/dom.", StringComparison.Ordinal));
        Assert.All(loaded, url => Assert.Matches(Fingerprinted(), url));
        // A refused import map is a console error ("Refused to execute inline script"): there is none.
        dashboard.AssertNoScriptErrors();
    }

    [GeneratedRegex(@"^/[\w/.-]+\.[a-z0-9]{10}\.(js|css)$")]
    private static partial Regex Fingerprinted();
}
