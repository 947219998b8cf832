using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>
/// Configuration seeds the roles of a series imported for the first time, and only while the database has no
/// benchmark; after that the stored roles rule, on every instance of the database at once.
/// </summary>
public sealed class SeriesRoleSeedTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private MarketContextFactory App(Dictionary<string, string?>? settings = null) =>
        new(_folder.Combine("db", "roles.db"), Directory.CreateDirectory(_folder.Combine("prices")).FullName, keysDirectory: null, settings);

    private static async Task ImportAsync(HttpClient client, string symbol, int seed) =>
        (await client.PostAsync($"/api/series/{symbol}/import", Api.Csv(PriceFixtures.RandomWalk(PriceFixtures.RandomWalkDays, 50, seed))))
            .EnsureSuccessStatusCode();

    [Fact]
    public async Task The_configured_benchmark_and_vendors_seed_a_new_database_and_nothing_else_is_a_benchmark()
    {
        SeriesRolesTests.WriteStudySeries(_folder.CreateFolder("prices"));
        await using var app = App(new() { ["MarketContext:Benchmark"] = "spy", ["MarketContext:Vendors"] = "ERIC, ZTE" });
        using var client = app.CreateClient();

        var roles = await SeriesRolesTests.RolesAsync(client);

        Assert.Equal(new Dictionary<string, string> { ["ERIC"] = "vendor", ["ZTE"] = "vendor", ["SPY"] = "benchmark", ["NOK"] = "other", ["QQQ"] = "other" }, roles);
        Assert.Equal("SPY", (await client.GetJsonAsync("/api/event-study?symbol=ERIC&eventId=E25")).Str("benchmark"));
    }

    [Fact]
    public async Task Once_the_database_has_roles_a_changed_configuration_changes_none_of_them()
    {
        SeriesRolesTests.WriteStudySeries(_folder.CreateFolder("prices"));
        await using (var first = App())
        {
            using var editor = first.Authorize(first.CreateClient());
            await SeriesRolesTests.SetRoleAsync(editor, "NOK", "other");
        }

        // Restarted with another benchmark and other vendors: the stored roles stand; only new series are seeded.
        await using var second = App(new() { ["MarketContext:Benchmark"] = "DIA", ["MarketContext:Vendors"] = "NOK,ABB" });
        using var client = second.Authorize(second.CreateClient());
        await ImportAsync(client, "DIA", seed: 6);
        await ImportAsync(client, "ABB", seed: 7);
        var roles = await SeriesRolesTests.RolesAsync(client);

        Assert.Equal(new Dictionary<string, string>
        {
            ["ERIC"] = "vendor",
            ["NOK"] = "other",
            ["QQQ"] = "benchmark",
            ["SPY"] = "other",
            ["ZTE"] = "other",
            ["DIA"] = "other",
            ["ABB"] = "vendor",
        }, roles);
        Assert.Equal("QQQ", (await client.GetJsonAsync("/api/event-study?symbol=ERIC&eventId=E25")).Str("benchmark"));
        Assert.Equal(["ABB", "ERIC"], (await client.GetJsonAsync("/api/event-study/summary")).EnumerateArray().Select(r => r.Str("symbol")!).Distinct().Order());
    }

    [Fact]
    public async Task A_role_changed_on_one_instance_rules_the_next_request_to_another()
    {
        SeriesRolesTests.WriteStudySeries(_folder.CreateFolder("prices"));
        await using var a = App();
        await using var b = App();
        using var editorOnA = a.Authorize(a.CreateClient(), "editor-a");
        using var viewerOfB = b.CreateClient();
        // B holds the roles as they were.
        Assert.StartsWith("ERIC-NOK-QQQ_", await ChartFileNameAsync(viewerOfB));
        Assert.Equal("QQQ", (await viewerOfB.GetJsonAsync("/api/event-study?symbol=ERIC&eventId=E25")).Str("benchmark"));

        await SeriesRolesTests.SetRoleAsync(editorOnA, "ZTE", "vendor");
        await SeriesRolesTests.SetRoleAsync(editorOnA, "SPY", "benchmark");

        Assert.StartsWith("ERIC-NOK-ZTE-SPY_", await ChartFileNameAsync(viewerOfB));
        Assert.Equal("SPY", (await viewerOfB.GetJsonAsync("/api/event-study?symbol=ERIC&eventId=E25")).Str("benchmark"));
        Assert.Equal(["ERIC", "NOK", "ZTE"], (await viewerOfB.GetJsonAsync("/api/event-study/summary")).EnumerateArray().Select(r => r.Str("symbol")!).Distinct().Order());
    }

    private static async Task<string> ChartFileNameAsync(HttpClient client)
    {
        using var chart = await client.GetAsync("/api/chart.csv?benchmark=true&download=true");
        chart.EnsureSuccessStatusCode();
        return chart.Content.Headers.ContentDisposition?.FileNameStar ?? chart.Content.Headers.ContentDisposition!.FileName!;
    }
}
