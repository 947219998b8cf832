using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketContext.TestSupport;
using MarketContext.Web.Features.Charts;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Charts;

/// <summary>
/// <c>/api/chart/annotations</c>: the annotation marks of a view at the current seq, placed once and shared by every
/// viewer, and the very marks a download of the same view draws.
/// </summary>
public sealed class AnnotationOverlayEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string View = "symbols=ERIC,NOK&from=2020-03-02&to=2020-04-10&width=900&height=450";

    private HttpClient Client => app.Client;

    private async Task<(long Id, long Seq)> AnnotateAsync(string date, string text, string? endDate = null)
    {
        var added = await (await Client.PostAsJsonAsync("/api/annotations", new { date, endDate, text })).JsonAsync(HttpStatusCode.Created);
        return (added.GetProperty("id").GetInt64(), added.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task The_overlay_is_at_the_current_seq_and_its_marks_are_those_of_the_download()
    {
        var (id, _) = await AnnotateAsync("2020-03-16", "March <low> & \"more\"");
        var (bandId, seq) = await AnnotateAsync("2020-03-20", "A band", endDate: "2020-03-27");

        var overlay = await Client.GetJsonAsync($"/api/chart/annotations?{View}&annotations=false");
        var download = await Client.GetJsonAsync($"/api/chart/layout?{View}&download=true");
        var picture = await Client.GetJsonAsync($"/api/chart/layout?{View}&annotations=false");

        Assert.Equal(seq, overlay.GetProperty("seq").GetInt64());
        Assert.Equal(900, overlay.GetProperty("width").GetInt32());
        var marks = overlay.GetProperty("marks");
        Assert.Equal(download.GetProperty("annotations").GetRawText(), marks.GetRawText());
        Assert.Equal(picture.GetProperty("dataRect").GetRawText(), overlay.GetProperty("dataRect").GetRawText());
        // The picture without annotations has the download's axes.
        Assert.Equal(download.GetProperty("yMin").GetDouble(), picture.GetProperty("yMin").GetDouble());
        Assert.Equal(download.GetProperty("yMax").GetDouble(), picture.GetProperty("yMax").GetDouble());
        var line = marks.EnumerateArray().Single(m => m.Str("id") == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("March <low> & \"more\"", line.GetProperty("label").Str("text"));
        Assert.Equal(JsonValueKind.Null, line.GetProperty("x2").ValueKind);
        var band = marks.EnumerateArray().Single(m => m.Str("id") == bandId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(band.GetProperty("x2").GetDouble() > band.GetProperty("x").GetDouble());
        Assert.Equal("#8B2F00", band.Str("color"));
    }

    [Fact]
    public async Task A_browser_that_has_the_overlay_of_a_seq_revalidates_for_free_until_the_next_change()
    {
        await AnnotateAsync("2020-03-18", "First");
        var first = await Client.GetAsync($"/api/chart/annotations?{View}");
        var etag = first.Headers.ETag!.Tag;

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/chart/annotations?{View}");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(again)).StatusCode);

        var (_, seq) = await AnnotateAsync("2020-03-19", "Second");
        using var after = new HttpRequestMessage(HttpMethod.Get, $"/api/chart/annotations?{View}");
        after.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var changed = await Client.SendAsync(after);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(seq, (await changed.JsonAsync()).GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task A_room_of_viewers_asking_at_once_costs_one_placement()
    {
        await AnnotateAsync("2020-03-23", "Everyone looks");
        var overlays = app.Factory.Services.GetRequiredService<AnnotationOverlayCache>();
        var before = overlays.Placements;

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Client.GetStringAsync($"/api/chart/annotations?{View}&annotations=false")));

        Assert.Equal(1, overlays.Placements - before);
        Assert.Single(answers.Distinct());
    }

    [Theory]
    [InlineData("width=10", "width")]
    [InlineData("mode=candles", "mode")]
    [InlineData("from=2020-02-31", "from")]
    public async Task Bad_query_is_a_400_problem_naming_the_field(string query, string field)
    {
        var problem = await (await Client.GetAsync($"/api/chart/annotations?{query}")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(field, Assert.Single(problem.Errors()).Str("field"));
    }
}
