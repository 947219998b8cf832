using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using MarketContext.TestSupport;
using SkiaSharp;

namespace MarketContext.Web.Tests.Features.Charts;

public sealed class ChartEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private HttpClient Client => app.Client;

    private async Task<long> AnnotateAsync(string date, string text) =>
        (await (await Client.PostAsJsonAsync("/api/annotations", new { date, text })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();

    [Theory]
    [InlineData("width=800&height=400", 800, 400)]
    [InlineData("width=800&height=400&scale=2", 1600, 800)]
    [InlineData("", 1200, 600)]
    public async Task Png_has_the_requested_size(string query, int width, int height)
    {
        var response = await Client.GetAsync($"/api/chart.png?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((width, height), Png.Size(await response.Content.ReadAsByteArrayAsync()));
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task Download_is_an_attachment_named_after_the_symbols_and_dates()
    {
        var response = await Client.GetAsync("/api/chart.png?download=true&width=640&height=320");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("ERIC-NOK_2019-01-01_2020-06-30.png", disposition.FileName?.Trim('"'));
    }

    [Fact]
    public async Task Download_of_chosen_symbols_and_dates_names_them()
    {
        var png = await Client.GetAsync("/api/chart.png?symbols=NOK,QQQ&from=2020-03-01&to=2020-04-30&download=true&width=640&height=320");
        var svg = await Client.GetAsync("/api/chart.svg?symbols=NOK,QQQ&from=2020-03-01&to=2020-04-30&download=true&width=640&height=320");

        Assert.Equal("NOK-QQQ_2020-03-01_2020-04-30.png", png.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("NOK-QQQ_2020-03-01_2020-04-30.svg", svg.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("attachment", svg.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Svg_is_an_svg_document()
    {
        var response = await Client.GetAsync("/api/chart.svg?width=800&height=400");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("svg", svg.Root!.Name.LocalName);
    }

    [Fact]
    public async Task Annotation_text_with_markup_is_escaped_in_the_svg()
    {
        await AnnotateAsync("2020-03-23", "<script>alert(1)</script>");

        var xml = await Client.GetStringAsync("/api/chart.svg?from=2020-03-01&to=2020-04-30");

        Assert.DoesNotContain("<script", xml, StringComparison.OrdinalIgnoreCase);
        var svg = XDocument.Parse(xml);
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName.Equals("script", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(svg.DescendantNodes().OfType<XText>(), t => t.Value.Contains("<script>alert(1)</script>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Layout_places_a_posted_annotation_at_its_date()
    {
        var id = await AnnotateAsync("2020-03-23", "Layout check");

        var layout = await Client.GetJsonAsync("/api/chart/layout?width=1000&height=500");

        var rect = layout.GetProperty("dataRect");
        double left = rect.GetProperty("left").GetDouble(), top = rect.GetProperty("top").GetDouble();
        double width = rect.GetProperty("width").GetDouble(), height = rect.GetProperty("height").GetDouble();
        Assert.True(left > 0 && top > 0 && left + width <= 1000 && top + height <= 500, rect.GetRawText());
        var xMin = DateTime.Parse(layout.Str("xMin")!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        var xMax = DateTime.Parse(layout.Str("xMax")!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        // The fixture prices run from 2020-03-02 to 2020-04-10, inside the default 2019-01-01 .. 2020-06-30.
        Assert.Equal(new DateTime(2020, 3, 2), xMin.Date);
        Assert.Equal(new DateTime(2020, 4, 10), xMax.Date);
        Assert.True(layout.GetProperty("yMax").GetDouble() > layout.GetProperty("yMin").GetDouble());

        var markers = layout.GetProperty("markers").EnumerateArray().ToList();
        var marker = Assert.Single(markers, m => m.Str("kind") == "annotation" && m.Str("id") == id.ToString(CultureInfo.InvariantCulture));
        var expected = left + (new DateTime(2020, 3, 23) - xMin).TotalDays / (xMax - xMin).TotalDays * width;
        Assert.Equal(expected, marker.GetProperty("x").GetDouble(), 3);
        // The WSJ article's own day is one of the catalogue's events inside the range.
        Assert.Contains(markers, m => m.Str("kind") == "event" && m.Str("id") == "E31");
        Assert.All(markers, m =>
        {
            Assert.Contains(m.Str("kind"), new[] { "event", "annotation" });
            Assert.InRange(m.GetProperty("x").GetDouble(), left, left + width);
        });
    }

    [Fact]
    public async Task Layout_leaves_out_what_the_query_turns_off()
    {
        await AnnotateAsync("2020-03-24", "Hidden");

        var layout = await Client.GetJsonAsync("/api/chart/layout?annotations=false&events=none");

        Assert.Equal(0, layout.GetProperty("markers").GetArrayLength());
    }

    [Fact]
    public async Task Layout_shows_only_the_asked_event_categories()
    {
        var markers = (await Client.GetJsonAsync("/api/chart/layout?events=market-context&annotations=false")).GetProperty("markers").EnumerateArray().ToList();
        var marketContext = (await Client.GetJsonAsync("/api/events?category=market-context")).EnumerateArray().Select(e => e.Str("id")).ToHashSet();

        Assert.NotEmpty(markers);
        Assert.All(markers, m => Assert.Contains(m.Str("id"), marketContext));
    }

    [Theory]
    [InlineData("/api/chart.png?width=10", "width")]
    [InlineData("/api/chart.png?scale=5", "scale")]
    [InlineData("/api/chart.svg?from=2020-02-31", "from")]
    [InlineData("/api/chart.svg?mode=candles", "mode")]
    [InlineData("/api/chart/layout?events=weather", "events")]
    [InlineData("/api/chart/layout?symbols=ER%3CIC", "symbols")]
    public async Task Bad_query_is_a_400_problem_naming_the_field(string url, string field)
    {
        var problem = await (await Client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(field, Assert.Single(problem.Errors()).Str("field"));
    }

    [Fact]
    public async Task Unknown_symbol_is_a_404_problem()
    {
        var problem = await (await Client.GetAsync("/api/chart.png?symbols=ERIC,HUAWEI")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("HUAWEI", problem.Str("detail"), StringComparison.Ordinal);
    }

    // The palette's first two series colours: ERIC and NOK, the default symbols, in that order.
    private static readonly SKColor Ericsson = SKColor.Parse("#1F2937"), Nokia = SKColor.Parse("#7C3AED");

    private static bool Close(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) < 40;

    /// <summary>The picture, and how many pixels inside its data area (as the layout of the same view places it) have each colour.</summary>
    private async Task<(int Ericsson, int Nokia)> DrawnAsync(string query)
    {
        var response = await Client.GetAsync($"/api/chart.png?{query}&width=640&height=320");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((640, 320), Png.Size(bytes));
        var box = (await Client.GetJsonAsync($"/api/chart/layout?{query}&width=640&height=320")).GetProperty("dataRect");
        var (left, top) = (box.GetProperty("left").GetDouble(), box.GetProperty("top").GetDouble());
        var (right, bottom) = (left + box.GetProperty("width").GetDouble(), top + box.GetProperty("height").GetDouble());
        using var bitmap = SKBitmap.Decode(bytes);
        var inside = (from y in Enumerable.Range((int)top + 2, (int)(bottom - top) - 4)
                      from x in Enumerable.Range((int)left + 2, (int)(right - left) - 4)
                      select bitmap.GetPixel(x, y)).ToList();
        return (inside.Count(c => Close(c, Ericsson)), inside.Count(c => Close(c, Nokia)));
    }

    [Fact]
    public async Task Range_without_prices_draws_no_line_and_says_so()
    {
        const string query = "from=2010-01-01&to=2010-12-31";
        var drawn = await DrawnAsync(query);
        var texts = XDocument.Parse(await Client.GetStringAsync($"/api/chart.svg?{query}&width=640&height=320"))
            .Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim());

        Assert.Equal((0, 0), drawn);
        Assert.Contains(texts, t => t.StartsWith("No prices in this range", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mode=price&log=true")]
    [InlineData("mode=percent")]
    [InlineData("mode=percent&log=true")]
    [InlineData("symbols=ERIC,NOK,QQQ&mode=rebased&log=true")]
    public async Task Every_mode_draws_both_vendors_lines_inside_the_data_area(string query)
    {
        var drawn = await DrawnAsync(query);

        // A line across the plot covers at least one pixel per column it spans; a quarter of the width is a line, not a stray pixel.
        Assert.True(drawn.Ericsson > 150, $"{drawn.Ericsson} pixels of ERIC's colour");
        Assert.True(drawn.Nokia > 150, $"{drawn.Nokia} pixels of NOK's colour");
    }
}
