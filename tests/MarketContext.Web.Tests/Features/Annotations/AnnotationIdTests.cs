using System.Net;
using System.Net.Http.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Annotations;

public sealed class AnnotationIdTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<long> AddAsync(string text) =>
        (await (await app.Client.PostAsJsonAsync("/api/annotations", new { date = "2020-02-13", text })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();

    [Fact]
    public async Task The_id_of_a_deleted_annotation_is_never_given_to_a_new_one()
    {
        await AddAsync("first");
        var last = await AddAsync("second, then deleted");
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client.DeleteAsync($"/api/annotations/{last}")).StatusCode);

        var next = await AddAsync("third");

        Assert.True(next > last, $"the new annotation got id {next}, the deleted one had {last}");
        var history = (await app.Client.GetJsonAsync($"/api/annotations/{next}/history")).EnumerateArray().ToList();
        Assert.Single(history);
        Assert.Equal("third", history[0].GetProperty("after").Str("text"));
    }
}
