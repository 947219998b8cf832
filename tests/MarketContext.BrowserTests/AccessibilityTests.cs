using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MarketContext.TestSupport;
using MarketContext.Web.Features.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// WCAG 2.2 AA as axe-core checks it, on every page and in every state a person reaches: light and dark, laptop and
/// phone, with the crosshair, a tooltip, the annotation form, an import report and errors shown. One violation fails.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AccessibilityTests(DashboardFixture app) : IDisposable
{
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("marketcontext-a11y-").FullName;
    private readonly List<string> _found = [];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<int, int, string> Screens => new()
    {
        { 1366, 768, "light" },
        { 1366, 768, "dark" },
        { 390, 844, "light" },
        { 390, 844, "dark" },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Every_page_and_state_passes_axe_with_no_violation(int width, int height, string scheme)
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        var options = app.ContextOptions();
        options.ViewportSize = new ViewportSize { Width = width, Height = height };
        options.ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light;
        options.HasTouch = width < 600;
        await using var context = await app.Browser.NewContextAsync(options);
        context.SetDefaultTimeout((float)DashboardFixture.Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/Login?ReturnUrl=%2F");
        await CheckAsync(page, "sign-in page");
        await page.GetByTestId("login-name").FillAsync(admin.Name);
        await page.GetByTestId("login-password").FillAsync("not the password");
        await page.GetByTestId("login-submit").ClickAsync();
        await CheckAsync(page, "sign-in page with its error");
        await page.GetByTestId("login-password").FillAsync(admin.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync(admin.Name);

        await Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("connected");
        await ChartGeometry.WaitForChartAsync(page);
        await CheckAsync(page, "dashboard with the annotation form");
        if (width < 600)
        {
            await page.Locator("#controls-toggle").ClickAsync();
            await CheckAsync(page, "dashboard with its settings open");
        }
        else
        {
            // All open at once, which no pointer can do (an open fold lies over its neighbours): axe sees every one.
            const string folds = "#view-controls details, .bar-actions details";
            await page.EvalOnSelectorAllAsync(folds, "all => all.forEach(d => d.open = true)");
            await CheckAsync(page, "dashboard with every fold open");
            await page.EvalOnSelectorAllAsync(folds, "all => all.forEach(d => d.open = false)");
        }
        // The pointer rests off the chart: the states below are reached from the keyboard.
        await page.Mouse.MoveAsync(0, 0);
        await page.GetByTestId("chart").FocusAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(page.GetByTestId("readout-date")).Not.ToBeEmptyAsync();
        await CheckAsync(page, "dashboard with the crosshair");
        await page.Locator("#chart-overlay .marker[data-kind=event]").First.FocusAsync();
        await Expect(page.Locator("#chart-tooltip")).ToBeVisibleAsync();
        await CheckAsync(page, "dashboard with a tooltip");
        await page.GetByTestId("annotation-submit").ClickAsync();
        await CheckAsync(page, "dashboard with the annotation form's error");
        await page.GetByTestId("chart-data").Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("chart-data-table").Locator("tbody tr").First).ToBeVisibleAsync();
        await page.Locator("#study-data summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await CheckAsync(page, "dashboard with its data tables open");
        await page.GetByTestId("event-next").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("event-announcer")).Not.ToBeEmptyAsync();
        await CheckAsync(page, "dashboard after an event step");

        await page.GotoAsync("/?view=event-time&eventIds=E11,E25");
        await ChartGeometry.WaitForChartAsync(page);
        await CheckAsync(page, "event-time view");

        await page.GotoAsync("/Events?selected=E25%3AERIC");
        await CheckAsync(page, "event study with a chart");
        await page.GetByTestId("study-data").Locator("summary").PressAsync("Enter");
        await Expect(page.GetByTestId("study-table").Locator("tbody tr").First).ToBeVisibleAsync();
        await CheckAsync(page, "event study with its table open");
        await page.GotoAsync("/Events?estimation=1");
        await CheckAsync(page, "event study refusing its parameters");
        await page.GotoAsync("/Events/Aggregate?set=selection&eventIds=E25&eventIds=E27");
        await CheckAsync(page, "study across events");
        await page.GotoAsync("/Events/Aggregate?set=selection");
        await CheckAsync(page, "study across events refusing an empty selection");
        await page.GotoAsync("/Admin");
        await CheckAsync(page, "accounts");

        await CheckEventSetPagesAsync(page, admin);

        await page.GotoAsync("/Import");
        await CheckAsync(page, "import page");
        var bad = Path.Combine(_folder, "A11YBAD.csv");
        await File.WriteAllTextAsync(bad, "Ticker,Price\nERIC,1\n");
        await page.GetByTestId("import-files").SetInputFilesAsync(bad);
        await page.GetByTestId("import-submit").ClickAsync();
        await Expect(page.Locator("[data-testid=import-report][data-symbol=A11YBAD]")).ToHaveAttributeAsync("data-outcome", "refused");
        await CheckAsync(page, "import page with a refused file's report");

        Assert.True(_found.Count == 0, $"axe found {_found.Count} violation(s) at {width}×{height}, {scheme}:\n{string.Join("\n", _found)}");
    }

    /// <summary>
    /// A first start: a new database, no price folder, an administrator offered the default series' fetch, then the
    /// fetch failing as it does offline (the configured source refuses every connection) with its outcomes and advice.
    /// </summary>
    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_first_start_and_its_failed_fetch_pass_axe_with_no_violation(int width, int height, string scheme)
    {
        using var folder = new TempFolder();
        await using var first = new MarketContextFactory(folder.Combine("new.db"), folder.Combine("no-such-folder"), folder.Combine("keys"), new Dictionary<string, string?>
        {
            ["MarketContext:Vendors"] = "ERIC,NOK",
            ["MarketContext:Benchmark"] = "QQQ",
            ["MarketContext:PriceSource:Provider"] = "yahoo",
            // Port 9 (discard) has no listener here: every fetch is refused at once, as with no network.
            ["MarketContext:PriceSource:BaseUrl"] = "http://127.0.0.1:9",
        });
        var address = first.StartKestrel();
        var password = $"pw-{Guid.NewGuid():N}";
        await first.Services.GetRequiredService<UserStore>().AddAsync("first-admin", password, Roles.Admin);
        var options = app.ContextOptions();
        options.BaseURL = address;
        options.ExtraHTTPHeaders = null;
        options.ViewportSize = new ViewportSize { Width = width, Height = height };
        options.ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light;
        options.HasTouch = width < 600;
        await using var context = await app.Browser.NewContextAsync(options);
        context.SetDefaultTimeout((float)DashboardFixture.Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/Login?ReturnUrl=%2F");
        await page.GetByTestId("login-name").FillAsync("first-admin");
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-password").PressAsync("Enter");
        await Expect(page.GetByTestId("fetch-defaults")).ToBeEnabledAsync();
        await CheckAsync(page, "first start offering the fetch");

        await page.GetByTestId("fetch-defaults").PressAsync("Enter");
        await Expect(page.GetByTestId("fetch-outcomes")).ToContainTextAsync("Not every series came in", new() { Timeout = 30000 });
        await Expect(page.GetByTestId("fetch-progress")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("fetch-defaults")).ToBeEnabledAsync();
        await CheckAsync(page, "first start after a failed fetch");

        Assert.True(_found.Count == 0, $"axe found {_found.Count} violation(s) at {width}×{height}, {scheme}:\n{string.Join("\n", _found)}");
    }

    /// <summary>The sets' list and a set's page in each state: sorted and filtered, an event's history, the event form's errors, an import's preview and refusal, an old version.</summary>
    private async Task CheckEventSetPagesAsync(IPage page, Account admin)
    {
        using var api = await app.ApiClientAsync(admin);
        var slug = await api.CreateSetAsync("Accessible set", [
            new { id = "A1", title = "Rule proposed", label = "Rule", summary = "A proposal.", category = "legal", stage = "proposal", date = "2020-03-02",
                jurisdictions = new[] { "NL" }, sources = new[] { new { url = "https://example.org/a", publisher = "Government", official = true } } },
            new { id = "A2", title = "Rule adopted", category = "industry", stage = "decision", date = "2020-06-01", endDate = "2020-06-30" },
        ]);
        await page.GotoAsync("/EventSets");
        await CheckAsync(page, "event sets");
        await page.GetByTestId("new-set-submit").ClickAsync();
        await Expect(page.Locator("[data-error-for=slug]")).Not.ToBeEmptyAsync();
        await CheckAsync(page, "event sets with the new-set form's errors");

        await page.GotoAsync($"/EventSets/{slug}");
        await Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("connected");
        await CheckAsync(page, "an event set");
        await page.Locator("th[data-sort-key=title] a").PressAsync("Enter");
        await page.GetByTestId("stage-filter").SelectOptionAsync("proposal");
        await page.EventRow("A1").GetByRole(AriaRole.Button, new() { Name = "History event A1" }).PressAsync("Enter");
        await Expect(page.Locator("[data-history-of=A1] li")).ToHaveCountAsync(1);
        await CheckAsync(page, "an event set sorted and filtered, with an event's history");
        await page.GetByTestId("add-event").ClickAsync();
        await page.GetByTestId("event-save").ClickAsync();
        await Expect(page.Locator("[data-error-for=id]")).Not.ToBeEmptyAsync();
        await CheckAsync(page, "an event set with the event form's errors");
        await page.GetByTestId("event-cancel").ClickAsync();

        var file = Path.Combine(_folder, "set.csv");
        await File.WriteAllTextAsync(file, "id,title,category,date\r\nA3,Added,legal,2020-07-01\r\n");
        await page.GetByTestId("set-import-file").SetInputFilesAsync(file);
        await page.GetByTestId("set-import-preview").ClickAsync();
        await Expect(page.GetByTestId("set-import-confirm")).ToBeVisibleAsync();
        await CheckAsync(page, "an event set with an import's preview");
        await page.GetByTestId("set-import-cancel").ClickAsync();
        await File.WriteAllTextAsync(file, "id,title,category,date\r\nA4,,legal,2020-07-01\r\n");
        await page.GetByTestId("set-import-file").SetInputFilesAsync(file);
        await page.GetByTestId("set-import-preview").ClickAsync();
        await Expect(page.GetByTestId("import-errors")).ToBeVisibleAsync();
        await CheckAsync(page, "an event set with a refused import");

        await page.GotoAsync($"/EventSets/{slug}?version=2");
        await Expect(page.GetByTestId("pinned-notice")).ToBeVisibleAsync();
        await CheckAsync(page, "an old version of an event set");
    }

    /// <summary>
    /// The markers on the chart sit where their days are, so crowded days' markers touch; each one's function is also
    /// offered by a target of full size (the event table's row for its details, the study's event list for its study),
    /// which 2.5.8 allows. They are checked for every rule but the target size.
    /// </summary>
    private static readonly AxeRunOptions MarkersWcag22AA = new()
    {
        RunOnly = Wcag22AA.RunOnly,
        Rules = new Dictionary<string, RuleOptions> { ["target-size"] = new RuleOptions { Enabled = false } },
    };

    private async Task CheckAsync(IPage page, string state)
    {
        var overlay = new AxeSelector("#chart-overlay");
        var whole = await page.RunAxe(new AxeRunContext { Exclude = [overlay] }, Wcag22AA);
        var markers = await page.Locator("#chart-overlay").CountAsync() > 0
            ? (await page.RunAxe(new AxeRunContext { Include = [overlay] }, MarkersWcag22AA)).Violations
            : [];
        foreach (var violation in whole.Violations.Concat(markers))
        {
            foreach (var node in violation.Nodes)
            {
                var why = string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message));
                _found.Add($"{state}: {violation.Id} at {node.Target}: {why}");
            }
        }
    }
}
