using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Charts;

public sealed class ChartCachingAndViewsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Url = "/api/chart.png?from=2020-03-02&to=2020-04-10&width=640&height=360";

    private async Task<HttpResponseMessage> GetAsync(string url, EntityTagHeaderValue? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etag is not null)
        {
            request.Headers.IfNoneMatch.Add(etag);
        }
        return await app.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_repeat_request_with_its_etag_is_a_304_until_an_annotation_changes_the_picture()
    {
        var first = await GetAsync(Url);
        var etag = first.Headers.ETag!;

        var repeat = await GetAsync(Url, etag);
        await app.Client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-16", text = "Circuit breaker" });
        var afterAnnotation = await GetAsync(Url, etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, repeat.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterAnnotation.StatusCode);
        Assert.NotEqual(etag, afterAnnotation.Headers.ETag);
    }

    [Fact]
    public async Task An_import_that_changes_a_shown_series_changes_the_etag_and_one_that_changes_nothing_shown_does_not()
    {
        var before = (await GetAsync(Url)).Headers.ETag!;
        var sameAgain = await app.Client.PostAsync("/api/series/ERIC/import", Api.Csv(File.ReadAllText(Path.Combine(app.Factory.PricesDirectory, "ERIC.csv"))));
        var unchanged = (await GetAsync(Url)).Headers.ETag!;
        (await app.Client.PostAsync("/api/series/ZZTOP/import", Api.Csv(PriceFixtures.Yahoo(10, 0.1, rows: 3)))).EnsureSuccessStatusCode();
        var otherSymbol = (await GetAsync(Url)).Headers.ETag!;
        (await app.Client.PostAsync("/api/series/ERIC/import", Api.Csv(PriceFixtures.Yahoo(10, 0.1, rows: 3, from: new DateOnly(2020, 4, 13))))).EnsureSuccessStatusCode();
        var after = (await GetAsync(Url)).Headers.ETag!;

        Assert.Equal(0, (await sameAgain.JsonAsync()).GetProperty("inserted").GetInt32());
        Assert.Equal(before, unchanged);
        Assert.Equal(before, otherSymbol);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task Different_queries_have_different_etags()
    {
        var a = (await GetAsync(Url)).Headers.ETag!;
        var b = (await GetAsync(Url + "&log=true")).Headers.ETag!;

        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task The_csv_holds_the_plotted_values_one_column_per_series_with_the_benchmark_when_asked()
    {
        var csv = await app.Client.GetStringAsync("/api/chart.csv?from=2020-03-02&to=2020-03-06&benchmark=true");
        var lines = csv.TrimEnd('\n').Split('\n');

        Assert.Equal("date,ERIC,NOK,QQQ", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.Equal("2020-03-02,100,100,100", lines[1]);
    }

    [Fact]
    public async Task The_event_time_view_draws_and_its_csv_has_one_column_per_event_and_vendor()
    {
        var png = await GetAsync("/api/chart.png?view=event-time&eventIds=E28&window=3&width=640&height=360");
        var csv = await app.Client.GetStringAsync("/api/chart.csv?view=event-time&eventIds=E28&window=3");
        var layout = await app.Client.GetJsonAsync("/api/chart/layout?view=event-time&eventIds=E28&window=3");

        Assert.Equal((640, 360), Png.Size(await png.Content.ReadAsByteArrayAsync()));
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("day,ERIC E28,NOK E28", lines[0]);
        Assert.Equal("-1,100,100", lines[3]);
        Assert.Equal(-3, layout.GetProperty("dayMin").GetInt32());
        Assert.True(layout.IsNull("xMin"));
    }

    [Theory]
    [InlineData("/api/chart.png?view=event-time", "eventIds")]
    [InlineData("/api/chart.png?view=sideways", "view")]
    [InlineData("/api/chart.png?view=event-time&eventIds=E28&window=0", "window")]
    [InlineData("/api/chart.png?benchmark=maybe", "benchmark")]
    public async Task Bad_view_parameters_are_a_400_naming_the_field(string url, string field)
    {
        var problem = await (await GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(problem.Errors(), e => e.Str("field") == field);
    }

    [Fact]
    public async Task An_unknown_event_is_a_404_naming_it()
    {
        var problem = await (await GetAsync("/api/chart.png?view=event-time&eventIds=NOPE")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("NOPE", problem.Str("detail"));
    }

    [Fact]
    public async Task A_png_at_density_3_has_three_times_the_pixels_and_says_so_in_its_name()
    {
        var response = await GetAsync("/api/chart.png?from=2020-03-02&to=2020-04-10&width=400&height=300&scale=3&download=true");

        Assert.Equal((1200, 900), Png.Size(await response.Content.ReadAsByteArrayAsync()));
        Assert.EndsWith("@3x.png", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
    }
}
