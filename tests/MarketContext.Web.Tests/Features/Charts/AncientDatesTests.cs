using System.Net;
using Dapper;
using MarketContext.TestSupport;
using MarketContext.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Charts;

/// <summary>
/// Dates before the year 100 (which the drawing's date axis cannot hold): a file with one is refused at import, a chart
/// asked to start there is refused, and a row of one already in the database (written by an older release, or by
/// hand) does not stop a chart of the whole history from being drawn.
/// </summary>
public sealed class AncientDatesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_file_with_a_date_before_the_year_100_is_refused_naming_its_line()
    {
        var csv = $"{PriceFixtures.YahooHeader}\n2020-01-02,10,11,9,10.5,10.4,100\n0050-06-01,10,11,9,10.5,10.4,100\n";

        var problem = await (await app.Client.PostAsync("/api/series/ANCIENT/import", Api.Csv(csv))).ProblemAsync(HttpStatusCode.BadRequest);

        var error = Assert.Single(problem.Errors());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Contains("0050-06-01", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/series/ANCIENT/prices")).StatusCode);
    }

    [Theory]
    [InlineData("/api/chart.png?symbols=ERIC")]
    [InlineData("/api/chart.svg?symbols=ERIC")]
    [InlineData("/api/chart/layout?symbols=ERIC")]
    [InlineData("/api/chart/overview?symbols=ERIC")]
    [InlineData("/api/chart.png?symbols=ERIC&from=0100-01-01")]
    public async Task A_stored_row_before_the_year_100_leaves_the_whole_history_drawable(string url)
    {
        var db = app.Factory.Services.GetRequiredService<Db>();
        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync("""
                insert into prices (symbol, date, open, high, low, close, adj_close, volume)
                select 'ERIC', @date, 1, 1, 1, 1, 1, 1 where not exists (select 1 from prices where symbol = 'ERIC' and date = @date)
                """, new { date = new DateOnly(50, 6, 1) });
            await connection.ExecuteAsync("update instrument_figures set version = version + 1 where symbol = 'ERIC'");
        }

        var response = await app.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_chart_asked_to_start_before_the_year_100_is_refused_naming_from()
    {
        var problem = await (await app.Client.GetAsync("/api/chart.png?symbols=ERIC&from=0050-01-01")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(problem.Errors(), e => e.Str("field") == "from");
    }
}
