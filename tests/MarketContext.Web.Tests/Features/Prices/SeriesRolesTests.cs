using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>
/// An app over 18 months of random walks: ERIC and NOK (vendors), QQQ (the benchmark), and SPY and ZTE, which
/// start as other. Each test changes roles on its own app, then reads every page and route that names the vendors
/// or the benchmark.
/// </summary>
public sealed partial class SeriesRolesTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly HttpClient _client;

    public SeriesRolesTests()
    {
        _factory = MarketContextFactory.In(_folder);
        WriteStudySeries(_factory.PricesDirectory);
        _client = _factory.Authorize(_factory.CreateClient(), "roles-editor");
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    /// <summary>The event studies' random walks, and two more series the configuration says nothing about.</summary>
    internal static void WriteStudySeries(string folder)
    {
        PriceFixtures.WriteRandomWalks(folder);
        File.WriteAllText(Path.Combine(folder, "SPY.csv"), PriceFixtures.RandomWalk(PriceFixtures.RandomWalkDays, 280, seed: 4));
        File.WriteAllText(Path.Combine(folder, "ZTE.csv"), PriceFixtures.RandomWalk(PriceFixtures.RandomWalkDays, 3, seed: 5));
    }

    internal static async Task SetRoleAsync(HttpClient client, string symbol, string role) =>
        (await client.PutAsync($"/api/series/{symbol}/role", Api.Json(new { role }))).EnsureSuccessStatusCode();

    internal static async Task<Dictionary<string, string>> RolesAsync(HttpClient client) =>
        (await client.GetJsonAsync("/api/series")).EnumerateArray().ToDictionary(s => s.Str("symbol")!, s => s.Str("role")!);

    /// <summary>The (event, symbol) pairs of the summary CSV: its first and fourth cells, labels quoted with commas inside.</summary>
    internal static HashSet<(string Event, string Symbol)> CsvPairs(string csv) =>
        [.. csv.TrimEnd('\n').Split('\n').Skip(1).Select(line => CsvCell().Matches(line).Select(m => m.Groups[1].Value).ToList()).Select(cells => (cells[0], cells[3]))];

    private static HashSet<(string Event, string Symbol)> TablePairs(string page) =>
        [.. TableRow().Matches(page).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];

    [Fact]
    public async Task After_a_new_vendor_the_events_table_its_csv_and_the_summary_study_the_same_vendors()
    {
        await SetRoleAsync(_client, "ZTE", "vendor");

        var page = await _client.GetStringAsync("/Events");
        var csvLink = WebUtility.HtmlDecode(CsvLink().Match(page).Groups[1].Value);
        var table = TablePairs(page);
        var download = CsvPairs(await _client.GetStringAsync(csvLink));
        var summary = (await _client.GetJsonAsync("/api/event-study/summary")).EnumerateArray().Select(r => r.Str("symbol")!).ToHashSet();

        Assert.Equal(["ERIC", "NOK", "ZTE"], table.Select(p => p.Symbol).Distinct().Order());
        Assert.Equal(table, download);
        Assert.Equal(["ERIC", "NOK", "ZTE"], summary.Order());
    }

    [Fact]
    public async Task A_new_benchmark_demotes_the_old_one_and_every_study_measures_against_it_by_default()
    {
        await SetRoleAsync(_client, "SPY", "benchmark");

        var roles = await RolesAsync(_client);
        var page = await _client.GetStringAsync("/Events");
        var csvLink = WebUtility.HtmlDecode(CsvLink().Match(page).Groups[1].Value);
        var study = await _client.GetJsonAsync("/api/event-study?symbol=ERIC&eventId=E25");
        var aggregate = await _client.GetJsonAsync("/api/event-study/aggregate?eventIds=E25");
        var byDefault = await _client.GetStringAsync("/api/event-study/summary.csv");

        Assert.Equal(["SPY"], roles.Where(r => r.Value == "benchmark").Select(r => r.Key));
        Assert.Equal("other", roles["QQQ"]);
        Assert.Contains("benchmark=SPY", csvLink, StringComparison.Ordinal);
        Assert.Matches("<option value=\"SPY\" selected=\"selected\">", page);
        Assert.Equal("SPY", study.Str("benchmark"));
        Assert.Equal("SPY", aggregate.Str("benchmark"));
        Assert.Equal(await _client.GetStringAsync("/api/event-study/summary.csv?benchmark=SPY"), byDefault);
        Assert.NotEqual(await _client.GetStringAsync("/api/event-study/summary.csv?benchmark=QQQ"), byDefault);
        Assert.Equal(await _client.GetStringAsync(csvLink), byDefault);
    }

    [Fact]
    public async Task The_change_of_benchmark_is_audited_as_two_changes_of_one_transaction()
    {
        using var admin = _factory.Authorize(_factory.CreateClient(), "roles-admin", "admin");

        await SetRoleAsync(_client, "SPY", "benchmark");

        var audit = (await admin.GetJsonAsync("/api/admin/audit")).EnumerateArray()
            .Where(e => e.Str("action") == "series role changed").Select(e => (e.Str("actor"), e.Str("target"), e.Str("detail"))).ToList();
        Assert.Equal(2, audit.Count);
        Assert.Contains(("roles-editor", "SPY", "other → benchmark"), audit);
        Assert.Contains(("roles-editor", "QQQ", "benchmark → other (SPY became the benchmark)"), audit);
    }

    [Fact]
    public async Task The_chart_overlays_the_benchmark_the_dashboard_checkbox_names()
    {
        await SetRoleAsync(_client, "SPY", "benchmark");

        var page = await _client.GetStringAsync("/");
        var label = BenchmarkLabel().Match(page).Groups[1].Value;
        var data = JsonDocument.Parse(WebUtility.HtmlDecode(DashboardData().Match(page).Groups[1].Value)).RootElement;
        using var chart = await _client.GetAsync("/api/chart.csv?benchmark=true&download=true");
        chart.EnsureSuccessStatusCode();
        var header = (await chart.Content.ReadAsStringAsync()).Split('\n')[0];

        Assert.Equal("SPY", label);
        Assert.Equal("SPY", data.Str("benchmark"));
        Assert.Equal(["ERIC", "NOK"], data.GetProperty("vendors").EnumerateArray().Select(v => v.GetString()));
        Assert.StartsWith("ERIC-NOK-SPY_", chart.Content.Headers.ContentDisposition?.FileNameStar ?? chart.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("SPY", header, StringComparison.Ordinal);
        Assert.DoesNotContain("QQQ", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_is_one_of_its_three_names_and_nothing_else()
    {
        var number = await (await _client.PutAsync("/api/series/ZTE/role", Api.Json(new { role = 1 }))).ProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await (await _client.PutAsync("/api/series/ZTE/role", Api.Json(new { role = "market" }))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("role", Assert.Single(number.Errors()).Str("field"));
        Assert.Equal("role", Assert.Single(unknown.Errors()).Str("field"));
        Assert.Equal("other", (await RolesAsync(_client))["ZTE"]);
    }

    [Fact]
    public async Task Without_a_benchmark_a_study_asks_for_one_by_name()
    {
        await SetRoleAsync(_client, "QQQ", "other");

        var problem = await (await _client.GetAsync("/api/event-study?symbol=ERIC&eventId=E25")).ProblemAsync(HttpStatusCode.BadRequest);
        var named = await _client.GetJsonAsync("/api/event-study?symbol=ERIC&eventId=E25&benchmark=QQQ");

        Assert.Equal("benchmark", Assert.Single(problem.Errors()).Str("field"));
        Assert.Equal("QQQ", named.Str("benchmark"));
        Assert.DoesNotContain("data-testid=\"benchmark\"", await _client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [GeneratedRegex("""href="(/api/event-study/summary\.csv[^"]*)" download""")]
    private static partial Regex CsvLink();

    [GeneratedRegex("""data-event-id="([^"]+)" data-symbol="([^"]+)">""")]
    private static partial Regex TableRow();

    [GeneratedRegex("""data-testid="benchmark" /> (\S+) benchmark</label>""")]
    private static partial Regex BenchmarkLabel();

    [GeneratedRegex("""<script type="application/json" id="dashboard-data">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex DashboardData();

    [GeneratedRegex("""(?:^|,)("(?:[^"]|"")*"|[^,]*)""")]
    private static partial Regex CsvCell();
}
