using System.Net;
using MarketContext.TestSupport;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.EventStudy;

public sealed class AggregatePageAndChartTests(AggregateAppFixture app) : IClassFixture<AggregateAppFixture>
{
    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task The_chart_is_a_png_of_the_asked_size_and_downloads_with_a_name_saying_what_it_shows()
    {
        using var response = await _client.GetAsync("/api/event-study/aggregate/chart.png?symbols=ERIC,NOK&category=us-pressure&width=800&height=400&scale=2&download=true");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((1600, 800), Png.Size(bytes));
        Assert.Equal("ERIC-NOK_us-pressure_caar_-5_5.png", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task The_svg_names_every_sample_in_its_legend()
    {
        var svg = await _client.GetStringAsync("/api/event-study/aggregate/chart.svg?symbols=ERIC,NOK&eventIds=E25,E27,E28");

        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("ERIC CAAR (n = 3)", svg);
        Assert.Contains("pooled CAAR (n = 6)", svg);
    }

    [Theory]
    [InlineData("width=5000", "width")]
    [InlineData("height=100", "height")]
    [InlineData("scale=4", "scale")]
    public async Task Picture_sizes_are_bounded_like_the_other_charts(string query, string field)
    {
        var problem = await (await _client.GetAsync("/api/event-study/aggregate/chart.png?eventIds=E25&" + query)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(problem.Errors(), e => e.Str("field") == field);
    }

    [Fact]
    public async Task The_page_shows_the_samples_side_by_side_with_their_tests_and_links_each_member_to_its_single_study()
    {
        var page = await _client.GetStringAsync("/Events/Aggregate?set=selection&eventIds=E25&eventIds=E27&eventIds=E28&symbols=ERIC&symbols=NOK&pre=3&post=3");

        Assert.Contains("data-sample=\"ERIC\"", page);
        Assert.Contains("data-sample=\"NOK\"", page);
        Assert.Contains("data-sample=\"pooled\"", page);
        Assert.Contains("data-test=\"bmpKolariPynnonen\"", page);
        Assert.Contains("CAAR [-3, +3]", page);
        // The chart and downloads ask the API for exactly what the page shows.
        Assert.Contains("/api/event-study/aggregate/chart.png?symbols=ERIC,NOK&amp;pre=3&amp;post=3&amp;eventIds=E25,E27,E28", page);
        Assert.Contains("/Events?benchmark=QQQ&amp;pre=3&amp;post=3&amp;estimation=120&amp;gap=10&amp;returns=simple&amp;selected=E25%3AERIC&amp;symbols=ERIC", page);
        Assert.Contains("value=\"E27\" checked=\"checked\"", page);
    }

    [Fact]
    public async Task The_page_says_why_a_study_cannot_be_run()
    {
        var page = await _client.GetStringAsync("/Events/Aggregate?set=category&category=us-pressure&pre=40");

        Assert.Contains("data-testid=\"aggregate-errors\"", page);
        Assert.Contains("from 0 to 30", page);
        Assert.DoesNotContain("data-testid=\"aggregate-chart\"", page);
    }

    [Fact]
    public async Task The_event_time_chart_can_overlay_each_vendors_average_path_over_the_chosen_events()
    {
        var query = "/api/chart.csv?view=event-time&eventIds=E25,E27,E28&window=5&symbols=ERIC,NOK";
        var plain = (await _client.GetStringAsync(query)).Split('\n');
        var averaged = (await _client.GetStringAsync(query + "&average=true")).Split('\n');

        Assert.DoesNotContain("ERIC average", plain[0]);
        var columns = averaged[0].Split(',');
        var (average, first) = (Array.IndexOf(columns, "ERIC average"), Array.IndexOf(columns, "ERIC E25"));
        Assert.True(average > 0 && first > 0, averaged[0]);
        // Day +5: the average of the three ERIC windows' rebased values.
        var day5 = averaged.Single(l => l.StartsWith("5,", StringComparison.Ordinal)).Split(',');
        var values = columns.Select((c, i) => (c, i)).Where(x => x.c.StartsWith("ERIC E", StringComparison.Ordinal))
            .Select(x => double.Parse(day5[x.i], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, values.Count);
        Assert.Equal(values.Average(), double.Parse(day5[average], System.Globalization.CultureInfo.InvariantCulture), 5);
        Assert.Contains("average of 3 events", await _client.GetStringAsync(query.Replace("chart.csv", "chart.svg", StringComparison.Ordinal) + "&average=true"));
    }
}
