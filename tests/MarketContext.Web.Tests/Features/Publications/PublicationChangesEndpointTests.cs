using System.Globalization;
using System.Net;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Publications;

/// <summary><c>GET /api/publications/{slug}/{number}/changes</c> on a publication made through the API.</summary>
public sealed class PublicationChangesEndpointTests(PublicationsApp app) : IClassFixture<PublicationsApp>
{
    [Fact]
    public async Task A_fresh_publication_has_no_changes_and_a_revised_re_import_of_its_series_is_listed()
    {
        var query = $"symbols=NOK&from={PublicationsApp.Day(100)}&to={PublicationsApp.Day(199)}&width=500&height=300";
        var published = await (await app.PublishAsync(new { kind = "chart", query, title = "Nokia before the split" })).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/publications/{published.Str("slug")}/{published.GetProperty("number").GetInt32()}/changes";

        var fresh = await app.Client.GetJsonAsync(url);
        Assert.False(fresh.GetProperty("changed").GetBoolean());
        Assert.Equal(0, fresh.GetProperty("prices").GetProperty("revised").GetProperty("items").GetArrayLength());
        Assert.StartsWith("/?", fresh.Str("liveUrl"), StringComparison.Ordinal);
        Assert.DoesNotContain("asOf", fresh.Str("liveUrl"), StringComparison.Ordinal);

        // Every close of the file from day 150 on moved by 1%: days 150 to 199 of the view are revised, nothing else.
        var lines = (await File.ReadAllTextAsync(Path.Combine(app.Factory.PricesDirectory, "NOK.csv"))).TrimEnd('\n').Split('\n');
        var revised = string.Join('\n', lines.Select((line, i) =>
        {
            if (i == 0 || i - 1 < 150)
            {
                return line;
            }
            var cells = line.Split(',');
            cells[4] = cells[5] = (double.Parse(cells[4], CultureInfo.InvariantCulture) * 1.01).ToString("0.0000", CultureInfo.InvariantCulture);
            return string.Join(',', cells);
        })) + "\n";
        (await app.Client.PostAsync("/api/series/NOK/import", Api.Csv(revised))).EnsureSuccessStatusCode();

        var changed = await app.Client.GetJsonAsync(url);
        Assert.True(changed.GetProperty("changed").GetBoolean());
        var prices = changed.GetProperty("prices").GetProperty("revised");
        Assert.Equal(50, prices.GetProperty("items").GetArrayLength() + prices.GetProperty("more").GetInt32());
        Assert.Equal(PublicationsApp.Day(150), prices.GetProperty("items")[0].Str("date"));
    }

    [Fact]
    public async Task An_unknown_publication_is_not_found() =>
        await (await app.Client.GetAsync("/api/publications/no-such-thing/1/changes")).ProblemAsync(HttpStatusCode.NotFound);
}
