using System.Net;
using MarketContext.TestSupport;
using MarketContext.Web.Features.Charts;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Charts;

/// <summary>
/// A picture is keyed by what it shows: a key the route does not read is refused before anything is drawn, and the
/// same view spelt another way is the same render.
/// </summary>
public sealed class ChartQueryKeysTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/api/chart.png?width=400&height=300&nonce=1")]
    [InlineData("/api/chart.svg?width=400&height=300&nonce=1")]
    [InlineData("/api/chart.csv?nonce=1")]
    [InlineData("/api/chart/layout?width=400&height=300&nonce=1")]
    [InlineData("/api/chart/annotations?width=400&height=300&nonce=1")]
    [InlineData("/api/chart/values?nonce=1")]
    [InlineData("/api/chart.png?view=event-time&eventIds=E25&nonce=1")]
    [InlineData("/api/event-study/chart.png?symbol=ERIC&date=2019-05-15&nonce=1")]
    [InlineData("/api/event-study/aggregate/chart.png?symbols=ERIC&eventIds=E22,E25&nonce=1")]
    [InlineData("/api/event-study/aggregate?symbols=ERIC&eventIds=E22,E25&nonce=1")]
    public async Task A_query_key_the_route_does_not_read_is_refused_naming_it_and_nothing_is_drawn(string url)
    {
        var cache = app.Factory.Services.GetRequiredService<ChartRenderCache>();
        var rendersBefore = cache.Renders;

        var problem = await (await app.Client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);

        var error = Assert.Single(problem.Errors());
        Assert.Equal("nonce", error.Str("field"));
        Assert.Contains("\"nonce\"", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal(rendersBefore, cache.Renders);
    }

    [Fact]
    public async Task The_same_view_spelt_another_way_is_one_render_with_one_etag()
    {
        var cache = app.Factory.Services.GetRequiredService<ChartRenderCache>();
        var rendersBefore = cache.Renders;

        var first = await app.Client.GetAsync("/api/chart.png?symbols=ERIC,NOK&width=0431&height=300&log=FALSE&mode=Rebased&from=2019-01-01");
        var second = await app.Client.GetAsync("/api/chart.png?FROM=2019-01-01&mode=rebased&log=false&height=300&width=431&symbols=ERIC, NOK");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(rendersBefore + 1, cache.Renders);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task The_dashboards_own_chart_query_is_accepted_on_every_chart_route()
    {
        const string query = "symbols=ERIC,NOK&from=2019-01-01&to=2020-06-30&mode=rebased&log=false&events=all&benchmark=true&width=900&height=400&theme=dark";

        foreach (var route in new[] { "/api/chart.png", "/api/chart/layout", "/api/chart/annotations", "/api/chart/values", "/api/chart/overview" })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync($"{route}?{query}")).StatusCode);
        }
    }
}
