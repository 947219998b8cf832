using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Charts;

/// <summary><c>annotationsAsOf=N</c> on the chart routes: the annotations drawn are those live after change N, whatever was written since.</summary>
public sealed class AnnotationsAsOfTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string View = "symbols=ERIC,NOK&from=2020-03-02&to=2020-04-10&width=900&height=450";

    private HttpClient Client => app.Client;

    private async Task<(string Id, long Seq)> AnnotateAsync(string date, string text)
    {
        var added = await (await Client.PostAsJsonAsync("/api/annotations", new { date, text })).JsonAsync(HttpStatusCode.Created);
        return (added.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture), added.GetProperty("seq").GetInt64());
    }

    /// <summary>The label of each mark among <paramref name="ids"/>: the class's other tests write annotations of their own.</summary>
    private static Dictionary<string, string?> Labels(JsonElement marks, params string[] ids) =>
        marks.EnumerateArray().Where(m => ids.Contains(m.Str("id"))).ToDictionary(m => m.Str("id")!, m => m.GetProperty("label").ValueKind == JsonValueKind.Null ? null : m.GetProperty("label").Str("text"));

    private async Task<byte[]> BytesAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task Annotations_added_later_are_hidden_and_those_deleted_or_edited_later_are_drawn_as_they_were()
    {
        var (kept, _) = await AnnotateAsync("2020-03-16", "Kept");
        var (deleted, _) = await AnnotateAsync("2020-03-20", "Deleted later");
        var (edited, pinned) = await AnnotateAsync("2020-03-23", "Before the edit");
        var layoutThen = await Client.GetStringAsync($"/api/chart/layout?{View}");
        var pictureThen = await BytesAsync($"/api/chart.png?{View}");

        var (added, _) = await AnnotateAsync("2020-03-18", "Added later");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/annotations/{deleted}")).StatusCode);
        (await Client.PutAsJsonAsync($"/api/annotations/{edited}", new { date = "2020-03-25", text = "After the edit" })).EnsureSuccessStatusCode();

        var then = await Client.GetJsonAsync($"/api/chart/layout?{View}&annotationsAsOf={pinned}");
        var now = await Client.GetJsonAsync($"/api/chart/layout?{View}");
        Assert.Equal(new Dictionary<string, string?> { [kept] = "Kept", [deleted] = "Deleted later", [edited] = "Before the edit" }, Labels(then.GetProperty("annotations"), kept, deleted, edited, added));
        // Live, labels crowd and may be cut to their ids: which marks are drawn is what tells.
        Assert.Equal(new[] { kept, added, edited }.Order(), Labels(now.GetProperty("annotations"), kept, deleted, edited, added).Keys.Order());
        // The same answer, to the byte, as the live view gave before the later changes.
        Assert.Equal(layoutThen, await Client.GetStringAsync($"/api/chart/layout?{View}&annotationsAsOf={pinned}"));
        Assert.Equal(pictureThen, await BytesAsync($"/api/chart.png?{View}&annotationsAsOf={pinned}"));
        Assert.NotEqual(pictureThen, await BytesAsync($"/api/chart.png?{View}"));

        var overlay = await Client.GetJsonAsync($"/api/chart/annotations?{View}&annotationsAsOf={pinned}");
        Assert.Equal(pinned, overlay.GetProperty("seq").GetInt64());
        Assert.Equal(then.GetProperty("annotations").GetRawText(), overlay.GetProperty("marks").GetRawText());
        Assert.Empty((await Client.GetJsonAsync($"/api/chart/layout?{View}&annotationsAsOf=0")).GetProperty("annotations").EnumerateArray());
    }

    [Fact]
    public async Task The_seq_is_part_of_the_ETag_and_a_later_change_leaves_a_pinned_view_s_ETag_alone()
    {
        var (_, first) = await AnnotateAsync("2020-03-17", "One");
        var pinned = (await Client.GetAsync($"/api/chart.png?{View}&annotationsAsOf={first}")).Headers.ETag!.Tag;
        var live = (await Client.GetAsync($"/api/chart.png?{View}")).Headers.ETag!.Tag;

        await AnnotateAsync("2020-03-19", "Two");

        Assert.Equal(pinned, (await Client.GetAsync($"/api/chart.png?{View}&annotationsAsOf={first}")).Headers.ETag!.Tag);
        Assert.NotEqual(live, (await Client.GetAsync($"/api/chart.png?{View}")).Headers.ETag!.Tag);
        Assert.NotEqual(pinned, (await Client.GetAsync($"/api/chart.png?{View}&annotationsAsOf={first - 1}")).Headers.ETag!.Tag);
    }

    [Theory]
    [InlineData("chart.png", "1")]
    [InlineData("chart.svg", "1")]
    [InlineData("chart.csv", "1")]
    [InlineData("chart/layout", "1")]
    [InlineData("chart/annotations", "1")]
    [InlineData("chart.png", "-1")]
    [InlineData("chart/layout", "yesterday")]
    public async Task A_seq_beyond_the_last_change_or_not_a_seq_is_refused_naming_annotationsAsOf(string route, string beyondLast)
    {
        var (_, last) = await AnnotateAsync("2020-03-24", "The last change");
        var seq = beyondLast == "1" ? (last + 1).ToString(CultureInfo.InvariantCulture) : beyondLast;

        var problem = await (await Client.GetAsync($"/api/{route}?{View}&annotationsAsOf={seq}")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("annotationsAsOf", Assert.Single(problem.Errors()).Str("field"));
    }
}
