using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>An editor signs in, drops two files on /Import and reads each one's report.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ImportPageTests(DashboardFixture app) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("marketcontext-import-page-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Yahoo(int rows)
    {
        var csv = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume");
        var day = new DateOnly(2018, 1, 2);
        for (var i = 0; i < rows; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }
            csv.Append(CultureInfo.InvariantCulture, $"\r\n{day:yyyy-MM-dd},{20 + i * 0.1:F2},{20.5 + i * 0.1:F2},{19.5 + i * 0.1:F2},{20 + i * 0.1:F2},{19 + i * 0.1:F2},{1000 + i}");
            i++;
        }
        return csv.ToString();
    }

    [Fact]
    public async Task An_editor_imports_a_good_and_a_bad_file_and_reads_both_reports_as_plain_text()
    {
        var editor = await app.CreateUserAsync("editor");
        var good = Path.Combine(_folder, "BRIMP.csv");
        var bad = Path.Combine(_folder, "BRBAD.csv");
        await File.WriteAllTextAsync(good, Yahoo(40));
        await File.WriteAllTextAsync(bad, "Ticker,<img src=x onerror=\"window.__pwned=1\">\nERIC,1\n");

        await using var context = await app.Browser.NewContextAsync(app.ContextOptions());
        context.SetDefaultTimeout((float)DashboardFixture.Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.GotoAsync("/Login?ReturnUrl=/Import");
        await page.GetByTestId("login-name").FillAsync(editor.Name);
        await page.GetByTestId("login-password").FillAsync(editor.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync("**/Import");

        await page.GetByTestId("import-files").SetInputFilesAsync([good, bad]);
        await Expect(page.GetByTestId("import-item")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("import-submit")).ToHaveTextAsync("Import 2 files");
        await page.GetByTestId("import-submit").ClickAsync();

        var stored = page.Locator("[data-testid=import-report][data-symbol=BRIMP]");
        await Expect(stored).ToHaveAttributeAsync("data-outcome", "stored");
        await Expect(stored).ToContainTextAsync("format yahoo · inserted 40, updated 0, unchanged 0");
        var refused = page.Locator("[data-testid=import-report][data-symbol=BRBAD]");
        await Expect(refused).ToHaveAttributeAsync("data-outcome", "refused");
        await Expect(refused).ToContainTextAsync("refused, nothing stored");
        await Expect(refused.Locator("ul.errors li")).ToContainTextAsync("line 1: Unknown header \"Ticker,<img src=x onerror=\"window.__pwned=1\">\"");
        await Expect(refused.Locator("img")).ToHaveCountAsync(0);
        await Expect(page.Locator(".series-table tr[data-symbol=BRIMP] td").Nth(4)).ToHaveTextAsync("40");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task A_file_whose_dates_never_show_their_order_imports_once_the_order_is_chosen()
    {
        var editor = await app.CreateUserAsync("editor");
        var file = Path.Combine(_folder, "BRDMY.csv");
        await File.WriteAllTextAsync(file, "Date;Close\n03/01/2005;1.018,5\n04/01/2005;1.020,25\n05/01/2005;1.021\n");

        await using var context = await app.Browser.NewContextAsync(app.ContextOptions());
        context.SetDefaultTimeout((float)DashboardFixture.Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Login?ReturnUrl=/Import");
        await page.GetByTestId("login-name").FillAsync(editor.Name);
        await page.GetByTestId("login-password").FillAsync(editor.Password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync("**/Import");

        await page.GetByTestId("import-files").SetInputFilesAsync([file]);
        await page.GetByTestId("import-submit").ClickAsync();
        var refused = page.Locator("[data-testid=import-report][data-symbol=BRDMY][data-outcome=refused]");
        await Expect(refused).ToContainTextAsync("day/month or month/day");

        await page.Locator("#import-choices summary").ClickAsync();
        await page.GetByTestId("import-date-format").SelectOptionAsync("dmy");
        await page.GetByTestId("import-files").SetInputFilesAsync([file]);
        await page.GetByTestId("import-submit").ClickAsync();

        var stored = page.Locator("[data-testid=import-report][data-symbol=BRDMY][data-outcome=stored]");
        await Expect(stored).ToContainTextAsync("inserted 3");
        await Expect(stored.GetByTestId("import-evidence")).ToContainTextAsync("decimal ',', thousands '.'");
        await Expect(stored.GetByTestId("import-evidence")).ToContainTextAsync("as chosen: date format dmy");
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var prices = await client.GetStringAsync("/api/series/BRDMY/prices");
        Assert.Contains("\"date\":\"2005-01-05\"", prices, StringComparison.Ordinal);
        Assert.Contains("\"close\":1021", prices, StringComparison.Ordinal);
    }
}
