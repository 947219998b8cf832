using System.Net;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Prices;

public sealed class SeriesEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Series_lists_every_fixture_file_with_its_count_and_dates()
    {
        var series = (await app.Client.GetJsonAsync("/api/series")).EnumerateArray().ToList();

        Assert.Equal(["ERIC", "NOK", "QQQ"], series.Select(s => s.Str("symbol")).Order());
        Assert.All(series, s =>
        {
            Assert.Equal(PriceFixtures.Rows, s.GetProperty("count").GetInt32());
            Assert.Equal(PriceFixtures.First, s.Str("firstDate"));
            Assert.Equal(PriceFixtures.Last, s.Str("lastDate"));
            Assert.False(string.IsNullOrWhiteSpace(s.Str("name")));
            Assert.Equal("USD", s.Str("currency"));
        });
        Assert.Equal("vendor", series.Single(s => s.Str("symbol") == "ERIC").Str("role"));
        Assert.Equal("vendor", series.Single(s => s.Str("symbol") == "NOK").Str("role"));
        Assert.Equal("benchmark", series.Single(s => s.Str("symbol") == "QQQ").Str("role"));
    }

    [Fact]
    public async Task Prices_in_a_range_come_ascending_with_the_quirky_first_row_as_nulls()
    {
        var prices = (await app.Client.GetJsonAsync($"/api/series/ERIC/prices?from={PriceFixtures.First}&to=2020-03-06")).EnumerateArray().ToList();

        Assert.Equal(["2020-03-02", "2020-03-03", "2020-03-04", "2020-03-05", "2020-03-06"], prices.Select(p => p.Str("date")));
        var first = prices[0];
        Assert.True(first.IsNull("open"));
        Assert.True(first.IsNull("adjClose"));
        Assert.Equal(8.0, first.GetProperty("close").GetDouble());
        Assert.Equal(8.1, first.GetProperty("high").GetDouble(), 6);
        Assert.Equal(1000, first.GetProperty("volume").GetInt64());
        var second = prices[1];
        Assert.Equal(8.05, second.GetProperty("close").GetDouble(), 6);
        Assert.Equal(8.0, second.GetProperty("open").GetDouble(), 6);
        Assert.Equal(7.245, second.GetProperty("adjClose").GetDouble(), 6);
        Assert.Equal(["date", "open", "high", "low", "close", "adjClose", "volume"], first.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Prices_without_a_range_are_the_whole_series()
    {
        var prices = (await app.Client.GetJsonAsync("/api/series/qqq/prices")).EnumerateArray().Select(p => p.Str("date")).ToList();

        Assert.Equal(PriceFixtures.Rows, prices.Count);
        Assert.Equal(PriceFixtures.First, prices[0]);
        Assert.Equal(PriceFixtures.Last, prices[^1]);
        Assert.Equal(prices.Order(StringComparer.Ordinal), prices);
    }

    [Fact]
    public async Task Unknown_symbol_is_a_404_problem()
    {
        var problem = await (await app.Client.GetAsync("/api/series/HUAWEI/prices")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("HUAWEI", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2020-02-30")]
    [InlineData("to=last-week")]
    public async Task Bad_date_is_a_400_problem_naming_the_field(string query)
    {
        var problem = await (await app.Client.GetAsync($"/api/series/ERIC/prices?{query}")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(query.Split('=')[0], Assert.Single(problem.Errors()).Str("field"));
    }
}
