using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using MarketContext.TestSupport;
using MarketContext.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Pages;

public sealed partial class DashboardPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_page_carries_the_series_and_events_as_the_api_answers_them()
    {
        var data = DataIsland(await app.Client.GetStringAsync("/"));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await app.Client.GetStringAsync("/api/series")), data["series"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await app.Client.GetStringAsync("/api/events")), data["events"]));
    }

    [Fact]
    public async Task Text_that_would_close_the_script_element_stays_inside_it()
    {
        const string hostile = "</script><script>alert(1)</script><!--";
        (await app.Client.PostAsync("/api/series/ZZHTML/import", Api.Csv(PriceFixtures.Yahoo(10, 0.1, rows: 3)))).EnsureSuccessStatusCode();
        await using (var connection = await app.Factory.Services.GetRequiredService<Db>().OpenAsync())
        {
            await connection.ExecuteAsync("update instruments set name = @hostile where symbol = 'ZZHTML'", new { hostile });
        }

        var html = await app.Client.GetStringAsync("/");

        var island = IslandRegex().Match(html).Groups[1].Value;
        Assert.DoesNotContain('<', island);
        var series = DataIsland(html)["series"]!.AsArray();
        Assert.Contains(series, s => s!["symbol"]!.GetValue<string>() == "ZZHTML" && s["name"]!.GetValue<string>() == hostile);
    }

    private static JsonNode DataIsland(string html)
    {
        var match = IslandRegex().Match(html);
        Assert.True(match.Success, "The page has no dashboard-data element.");
        return JsonNode.Parse(match.Groups[1].Value)!;
    }

    [GeneratedRegex("""<script type="application/json" id="dashboard-data">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex IslandRegex();
}
