using System.Net;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>A price listing is paged: every row exactly once across the pages, each page bounded, the next one linked.</summary>
public sealed class PricePagingTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Follows <c>Link: rel="next"</c> from the first page to the last.</summary>
    private async Task<List<List<string>>> PagesAsync(string url)
    {
        var pages = new List<List<string>>();
        for (string? next = url; next is not null && pages.Count < 100;)
        {
            using var response = await app.Client.GetAsync(next);
            var page = (await response.JsonAsync()).EnumerateArray().Select(p => p.Str("date")!).ToList();
            pages.Add(page);
            next = response.Headers.TryGetValues("Link", out var links)
                ? links.Select(l => System.Text.RegularExpressions.Regex.Match(l, "<([^>]+)>; rel=\"next\"")).Where(m => m.Success).Select(m => m.Groups[1].Value).SingleOrDefault()
                : null;
        }
        return pages;
    }

    [Fact]
    public async Task Pages_return_every_row_exactly_once_in_order()
    {
        var pages = await PagesAsync("/api/series/ERIC/prices?limit=7");

        Assert.Equal([7, 7, 7, 7, 2], pages.Select(p => p.Count));
        var dates = pages.SelectMany(p => p).ToList();
        Assert.Equal(PriceFixtures.Weekdays(PriceFixtures.FirstDay, PriceFixtures.Rows).Select(d => d.ToString("yyyy-MM-dd")), dates);
    }

    [Fact]
    public async Task Paging_keeps_to_the_range_asked_for()
    {
        var pages = await PagesAsync("/api/series/NOK/prices?from=2020-03-09&to=2020-03-20&limit=4");

        Assert.Equal([4, 4, 2], pages.Select(p => p.Count));
        Assert.Equal("2020-03-09", pages[0][0]);
        Assert.Equal("2020-03-20", pages[^1][^1]);
        Assert.Equal(10, pages.SelectMany(p => p).Distinct().Count());
    }

    [Fact]
    public async Task A_page_that_holds_the_rest_has_no_next_link()
    {
        using var response = await app.Client.GetAsync("/api/series/QQQ/prices?limit=30");

        Assert.Equal(30, (await response.JsonAsync()).GetArrayLength());
        Assert.False(response.Headers.Contains("Link"));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=20001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("after=yesterday", "after")]
    public async Task A_bad_limit_or_cursor_is_a_400_naming_it(string query, string field)
    {
        var problem = await (await app.Client.GetAsync($"/api/series/ERIC/prices?{query}")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(field, Assert.Single(problem.Errors()).Str("field"));
    }
}
