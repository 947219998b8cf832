using System.Net;
using System.Net.Http.Json;
using MarketContext.TestSupport;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Tests.Features.Charts;

public sealed class ChartRenderCacheTests(AppFixture app) : IClassFixture<AppFixture>
{
    private ChartRenderCache Cache => app.Factory.Services.GetRequiredService<ChartRenderCache>();

    [Fact]
    public async Task Twenty_viewers_asking_for_one_new_view_at_once_cost_one_render()
    {
        const string query = "?from=2020-01-06&to=2020-02-21&width=700&height=380&annotations=false";
        var before = Cache.Renders;

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.Client.GetAsync("/api/chart.png" + query)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsByteArrayAsync()));
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));
        Assert.Equal(1, Cache.Renders - before);
    }

    [Fact]
    public async Task The_picture_and_the_layout_of_one_view_come_from_one_render()
    {
        const string query = "?from=2019-03-04&to=2019-05-31&width=720&height=400&scale=2";
        var before = Cache.Renders;

        var png = await app.Client.GetAsync("/api/chart.png" + query);
        var layout = await app.Client.GetAsync("/api/chart/layout" + query);
        var download = await app.Client.GetAsync("/api/chart.png" + query + "&download=true");

        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal(HttpStatusCode.OK, layout.StatusCode);
        Assert.Equal((1440, 800), Png.Size(await png.Content.ReadAsByteArrayAsync()));
        Assert.Equal(720 - 64 - 24, (await layout.JsonAsync()).GetProperty("dataRect").GetProperty("width").GetDouble());
        Assert.NotNull(download.Content.Headers.ContentDisposition);
        Assert.Equal(1, Cache.Renders - before);
    }

    [Fact]
    public async Task A_new_annotation_renders_the_annotated_picture_again_and_shows_it()
    {
        const string url = "/api/chart/layout?from=2019-06-03&to=2019-07-31&width=640&height=360";
        var first = await app.Client.GetJsonAsync(url);
        var rendersBefore = Cache.Renders;
        var repeat = await app.Client.GetJsonAsync(url);
        var rendersOnRepeat = Cache.Renders - rendersBefore;

        var posted = await app.Client.PostAsJsonAsync("/api/annotations", new { date = "2019-06-20", text = "Cache test note" });
        var id = (await posted.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var after = await app.Client.GetJsonAsync(url);

        static IEnumerable<string> AnnotationIds(System.Text.Json.JsonElement layout) =>
            layout.GetProperty("markers").EnumerateArray().Where(m => m.Str("kind") == "annotation").Select(m => m.Str("id")!);
        Assert.Equal(0, rendersOnRepeat);
        Assert.DoesNotContain(id, AnnotationIds(first));
        Assert.DoesNotContain(id, AnnotationIds(repeat));
        Assert.Contains(id, AnnotationIds(after));
        Assert.Equal(1, Cache.Renders - rendersBefore);
    }

    [Fact]
    public async Task An_import_that_changes_the_shown_prices_renders_again_and_an_unrelated_one_does_not()
    {
        await app.Client.PostAsync("/api/series/ZZCACHE/import", Api.Csv(PriceFixtures.Yahoo(10, 0.1, rows: 30)));
        var url = $"/api/chart.png?symbols=ZZCACHE&from={PriceFixtures.FirstDay:yyyy-MM-dd}&to=2020-06-30&width=500&height=300&annotations=false";
        await app.Client.GetAsync(url);
        var before = Cache.Renders;

        await app.Client.PostAsync("/api/series/ZZOTHER/import", Api.Csv(PriceFixtures.Yahoo(20, 0.1, rows: 3)));
        await app.Client.GetAsync(url);
        var afterUnrelated = Cache.Renders - before;
        await app.Client.PostAsync("/api/series/ZZCACHE/import", Api.Csv(PriceFixtures.Yahoo(11, 0.1, rows: 30)));
        await app.Client.GetAsync(url);

        Assert.Equal(0, afterUnrelated);
        Assert.Equal(1, Cache.Renders - before);
    }

    [Fact]
    public async Task Kept_pictures_stay_within_the_byte_budget_and_the_least_recently_used_goes_first()
    {
        // Each entry counts its picture plus 512 bytes for the layout: three of 3,000 bytes fit in 12,000, four do not.
        var cache = new ChartRenderCache(Options.Create(new MarketContextOptions { ChartCacheBytes = 12_000 }));
        var rendered = new List<string>();
        Task<RenderedChart> Render(string key, int bytes)
        {
            rendered.Add(key);
            return Task.FromResult(new RenderedChart(new byte[bytes], new ChartLayout(new PixelBox(0, 0, 1, 1), null, null, 0, 1, [])));
        }
        async Task Ask(string key, int bytes = 3_000) => await cache.GetOrRenderAsync(key, _ => Render(key, bytes), CancellationToken.None);

        await Ask("a");
        await Ask("b");
        await Ask("c");
        await Ask("a");
        await Ask("d");
        await Ask("a");
        await Ask("c");
        await Ask("b");
        await Ask("huge", 20_000);
        await Ask("huge", 20_000);

        // "b" was the least recently used when "d" came, so it went; "a" was asked again and stayed.
        Assert.Equal(["a", "b", "c", "d", "b", "huge", "huge"], rendered);
        Assert.True(cache.Bytes <= 12_000, $"The cache holds {cache.Bytes} bytes.");
        Assert.Equal(3, cache.Count);
    }
}
