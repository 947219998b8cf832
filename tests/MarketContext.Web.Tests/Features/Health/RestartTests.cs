using System.Net;
using System.Net.Http.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Health;

/// <summary>A second app on the same database file: what the first stored is still there, and loaded series are not imported again.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private MarketContextFactory NewFactory() => MarketContextFactory.In(_folder);

    [Fact]
    public async Task Second_start_on_the_same_database_keeps_annotations_and_prices_and_imports_only_new_series()
    {
        long annotationId, annotationSeq;
        using (var first = NewFactory())
        {
            PriceFixtures.WriteStandardSeries(first.PricesDirectory);
            using var client = first.Authorize(first.CreateClient());
            var created = await (await client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", symbol = "ERIC", text = "Survives a restart" })).JsonAsync(HttpStatusCode.Created);
            annotationId = created.GetProperty("id").GetInt64();
            annotationSeq = created.GetProperty("seq").GetInt64();
            await (await client.PostAsync("/api/series/EXTRA/import", Api.Csv(PriceFixtures.Yahoo(5, 0.1, rows: 5)))).JsonAsync();
        }

        // Between the runs ERIC.csv changes on disk and a new SAP.csv appears.
        var prices = Path.Combine(_folder.Path, "prices");
        File.WriteAllText(Path.Combine(prices, "ERIC.csv"), PriceFixtures.Yahoo(50, 1, rows: 10));
        File.WriteAllText(Path.Combine(prices, "SAP.csv"), PriceFixtures.Yahoo(100, 0.5, rows: 10));

        using var second = NewFactory();
        using var again = second.Authorize(second.CreateClient());

        var annotation = Assert.Single((await again.GetJsonAsync("/api/annotations")).EnumerateArray());
        Assert.Equal(annotationId, annotation.GetProperty("id").GetInt64());
        Assert.Equal(annotationSeq, annotation.GetProperty("seq").GetInt64());
        Assert.Equal("Survives a restart", annotation.Str("text"));

        var series = (await again.GetJsonAsync("/api/series")).EnumerateArray().ToDictionary(s => s.Str("symbol")!, s => s.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["ERIC"] = 30, ["NOK"] = 30, ["QQQ"] = 30, ["EXTRA"] = 5, ["SAP"] = 10 }, series);
        var eric = (await again.GetJsonAsync("/api/series/ERIC/prices?to=2020-03-03")).EnumerateArray().ToList();
        Assert.Equal([8.0, 8.05], eric.Select(p => p.GetProperty("close").GetDouble()));

        // The change log goes on from where it was.
        var next = await (await again.PostAsJsonAsync("/api/annotations", new { date = "2020-03-24", text = "After the restart" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(annotationSeq + 1, next.GetProperty("seq").GetInt64());
        Assert.True(next.GetProperty("id").GetInt64() > annotationId);
    }
}
