using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Annotations;

public sealed class AnnotationEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private HttpClient Client => app.Client;

    private async Task<JsonElement> PostAsync(object body) =>
        await (await Client.PostAsJsonAsync("/api/annotations", body)).JsonAsync(HttpStatusCode.Created);

    private async Task<long> LastSeqAsync() =>
        (await Client.GetJsonAsync("/api/annotations/changes?afterSeq=0")).EnumerateArray().Select(c => c.GetProperty("seq").GetInt64()).DefaultIfEmpty(0).Max();

    private async Task<int> CountAsync() => (await Client.GetJsonAsync("/api/annotations")).GetArrayLength();

    [Fact]
    public async Task Post_answers_201_with_the_stored_annotation_and_its_seq()
    {
        var before = await LastSeqAsync();

        var response = await Client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-16", endDate = "2020-03-20", symbol = "eric", text = "  Lockdown week  " });
        var created = await response.JsonAsync(HttpStatusCode.Created);

        var id = created.GetProperty("id").GetInt64();
        Assert.True(id > 0);
        Assert.Equal(before + 1, created.GetProperty("seq").GetInt64());
        Assert.Equal("2020-03-16", created.Str("date"));
        Assert.Equal("2020-03-20", created.Str("endDate"));
        Assert.Equal("ERIC", created.Str("symbol"));
        Assert.Equal("Lockdown week", created.Str("text"));
        Assert.False(string.IsNullOrWhiteSpace(created.Str("author")));
        var createdAt = created.GetProperty("createdAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, createdAt.Offset);
        Assert.EndsWith("Z", created.Str("createdAt"), StringComparison.Ordinal);
        Assert.Equal(created.Str("createdAt"), created.Str("updatedAt"));
        Assert.EndsWith($"/api/annotations/{id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);

        var listed = (await Client.GetJsonAsync("/api/annotations")).EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == id);
        Assert.Equal(created.GetRawText(), listed.GetRawText());
    }

    [Fact]
    public async Task Annotation_without_end_date_or_symbol_has_them_null()
    {
        var created = await PostAsync(new { date = "2020-03-25", text = "Plain note" });

        Assert.True(created.IsNull("endDate"));
        Assert.True(created.IsNull("symbol"));
    }

    [Fact]
    public async Task Put_replaces_the_annotation_with_a_new_seq()
    {
        var created = await PostAsync(new { date = "2020-03-10", text = "First words" });
        var id = created.GetProperty("id").GetInt64();

        var updated = await (await Client.PutAsJsonAsync($"/api/annotations/{id}", new { date = "2020-03-11", symbol = "NOK", text = "Second words" })).JsonAsync();

        Assert.Equal(id, updated.GetProperty("id").GetInt64());
        Assert.True(updated.GetProperty("seq").GetInt64() > created.GetProperty("seq").GetInt64());
        Assert.Equal("2020-03-11", updated.Str("date"));
        Assert.Equal("NOK", updated.Str("symbol"));
        Assert.Equal("Second words", updated.Str("text"));
        Assert.Equal(created.Str("createdAt"), updated.Str("createdAt"));
        var listed = (await Client.GetJsonAsync("/api/annotations")).EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == id);
        Assert.Equal("Second words", listed.Str("text"));
    }

    [Fact]
    public async Task Delete_answers_204_and_the_annotation_is_gone()
    {
        var id = (await PostAsync(new { date = "2020-03-12", text = "Short-lived" })).GetProperty("id").GetInt64();

        var response = await Client.DeleteAsync($"/api/annotations/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.DoesNotContain((await Client.GetJsonAsync("/api/annotations")).EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);
        await (await Client.DeleteAsync($"/api/annotations/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Changes_after_a_seq_are_exactly_the_later_ones_in_order()
    {
        var after = await LastSeqAsync();
        var a = await PostAsync(new { date = "2020-04-01", text = "A" });
        var aId = a.GetProperty("id").GetInt64();
        var aUpdated = await (await Client.PutAsJsonAsync($"/api/annotations/{aId}", new { date = "2020-04-02", text = "A, revised" })).JsonAsync();
        var b = await PostAsync(new { date = "2020-04-03", text = "B" });
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/annotations/{aId}")).StatusCode);

        var changes = (await Client.GetJsonAsync($"/api/annotations/changes?afterSeq={after}")).EnumerateArray().ToList();

        Assert.Equal(["added", "updated", "added", "deleted"], changes.Select(c => c.Str("kind")));
        Assert.Equal([after + 1, after + 2, after + 3, after + 4], changes.Select(c => c.GetProperty("seq").GetInt64()));
        Assert.Equal([aId, aId, b.GetProperty("id").GetInt64(), aId], changes.Select(c => c.GetProperty("annotation").GetProperty("id").GetInt64()));
        Assert.Equal(a.GetProperty("seq").GetInt64(), changes[0].GetProperty("seq").GetInt64());
        Assert.Equal(aUpdated.GetProperty("seq").GetInt64(), changes[1].GetProperty("seq").GetInt64());
        Assert.Equal(b.GetProperty("seq").GetInt64(), changes[2].GetProperty("seq").GetInt64());
        Assert.Equal("A", changes[0].GetProperty("annotation").Str("text"));
        Assert.Equal("A, revised", changes[1].GetProperty("annotation").Str("text"));
        Assert.Equal(changes[3].GetProperty("seq").GetInt64(), changes[3].GetProperty("annotation").GetProperty("seq").GetInt64());

        var later = (await Client.GetJsonAsync($"/api/annotations/changes?afterSeq={after + 2}")).EnumerateArray();
        Assert.Equal([after + 3, after + 4], later.Select(c => c.GetProperty("seq").GetInt64()));
        Assert.Equal(0, (await Client.GetJsonAsync($"/api/annotations/changes?afterSeq={after + 4}")).GetArrayLength());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("two")]
    public async Task Bad_after_seq_is_a_400_problem(string afterSeq)
    {
        var problem = await (await Client.GetAsync($"/api/annotations/changes?afterSeq={afterSeq}")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("afterSeq", Assert.Single(problem.Errors()).Str("field"));
    }

    [Fact]
    public async Task List_can_be_narrowed_to_a_date_range()
    {
        var inside = (await PostAsync(new { date = "2018-06-15", text = "inside" })).GetProperty("id").GetInt64();
        var spanning = (await PostAsync(new { date = "2018-05-20", endDate = "2018-06-02", text = "spanning" })).GetProperty("id").GetInt64();
        var outside = (await PostAsync(new { date = "2018-07-15", text = "outside" })).GetProperty("id").GetInt64();

        var ids = (await Client.GetJsonAsync("/api/annotations?from=2018-06-01&to=2018-06-30")).EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToList();

        Assert.Contains(inside, ids);
        Assert.Contains(spanning, ids);
        Assert.DoesNotContain(outside, ids);
    }

    [Theory]
    [InlineData("from=2020-13-01", "from")]
    [InlineData("to=soon", "to")]
    public async Task Bad_list_range_is_a_400_problem(string query, string field)
    {
        var problem = await (await Client.GetAsync($"/api/annotations?{query}")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(field, Assert.Single(problem.Errors()).Str("field"));
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"date":"2020-02-30","text":"x"}""", "date" },
        { """{"date":"30/03/2020","text":"x"}""", "date" },
        { """{"text":"no date"}""", "date" },
        { """{"date":"2020-03-20","endDate":"2020-03-19","text":"x"}""", "endDate" },
        { """{"date":"2020-03-20","text":""}""", "text" },
        { """{"date":"2020-03-20","text":"   "}""", "text" },
        { $$"""{"date":"2020-03-20","text":"{{new string('x', 2001)}}"}""", "text" },
        { """{"date":"2020-03-20","symbol":"HUAWEI","text":"x"}""", "symbol" },
        { """{"date":"2020-03-20","text":"x""", "body" },
        { "date=2020-03-20&text=x", "body" },
        { "null", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_annotation_is_a_400_problem_and_nothing_is_stored(string body, string field)
    {
        var seq = await LastSeqAsync();
        var count = await CountAsync();

        var response = await Client.PostAsync("/api/annotations", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(field, Assert.Single(problem.Errors()).Str("field"));
        Assert.Equal(seq, await LastSeqAsync());
        Assert.Equal(count, await CountAsync());
    }

    [Fact]
    public async Task An_unknown_symbol_is_refused_naming_the_known_ones()
    {
        var response = await Client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-20", symbol = "huawei", text = "x" });

        var message = Assert.Single((await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors()).Str("message");
        Assert.Equal("Unknown symbol \"huawei\"; known: ERIC, NOK, QQQ.", message);
    }

    [Fact]
    public async Task Wrong_content_type_is_a_400_problem_and_nothing_is_stored()
    {
        var seq = await LastSeqAsync();

        var response = await Client.PostAsync("/api/annotations", new StringContent("""{"date":"2020-03-20","text":"x"}""", Encoding.UTF8, "text/plain"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("body", Assert.Single(problem.Errors()).Str("field"));
        Assert.Equal(seq, await LastSeqAsync());
    }

    [Fact]
    public async Task Bad_update_is_a_400_problem_and_leaves_the_annotation_alone()
    {
        var created = await PostAsync(new { date = "2020-03-05", text = "Keep me" });
        var id = created.GetProperty("id").GetInt64();
        var seq = await LastSeqAsync();

        var response = await Client.PutAsJsonAsync($"/api/annotations/{id}", new { date = "2020-03-05", endDate = "2020-03-01", text = "Changed" });

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(seq, await LastSeqAsync());
        var listed = (await Client.GetJsonAsync("/api/annotations")).EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == id);
        Assert.Equal(created.GetRawText(), listed.GetRawText());
    }

    [Fact]
    public async Task Put_of_an_unknown_id_is_a_404_problem()
    {
        var seq = await LastSeqAsync();

        await (await Client.PutAsJsonAsync("/api/annotations/987654", new { date = "2020-03-05", text = "Nobody" })).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(seq, await LastSeqAsync());
    }

    [Fact]
    public async Task Delete_of_an_unknown_id_is_a_404_problem()
    {
        var seq = await LastSeqAsync();

        await (await Client.DeleteAsync("/api/annotations/987654")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(seq, await LastSeqAsync());
    }
}
