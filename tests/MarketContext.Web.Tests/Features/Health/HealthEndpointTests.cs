using System.Net;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Health;

public sealed class HealthEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Healthz_is_ready_once_started()
    {
        var health = await app.Client.GetJsonAsync("/healthz");

        Assert.Equal("ready", health.Str("status"));
        // Every part readiness stands on was asked, and each answered for itself.
        Assert.Equal(["database", "migrations", "startup-import"], health.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order());
        Assert.Equal("The start-up import has finished.", health.GetProperty("checks").GetProperty("startup-import").Str("description"));
        Assert.Empty(health.GetProperty("failing").EnumerateArray());
    }

    [Fact]
    public async Task Start_up_import_has_finished_before_healthz_answers()
    {
        var response = await app.Client.GetAsync("/healthz");
        var series = await app.Client.GetJsonAsync("/api/series");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, series.EnumerateArray().Count(s => s.GetProperty("count").GetInt32() == PriceFixtures.Rows));
    }
}
