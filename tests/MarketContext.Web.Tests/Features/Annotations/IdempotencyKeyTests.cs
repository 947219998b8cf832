using System.Net;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Annotations;

/// <summary>
/// <c>POST /api/annotations</c> with an <c>Idempotency-Key</c>: a retry gets the first answer and stores nothing, even
/// when the retries race; the key is its account's own, and it is remembered for a bounded time.
/// </summary>
public sealed class IdempotencyKeyTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly MarketContextFactory _factory;
    private readonly HttpClient _client;

    public IdempotencyKeyTests()
    {
        _factory = MarketContextFactory.In(_folder, new Dictionary<string, string?> { ["MarketContext:IdempotencyKeyHours"] = "24" }, _clock);
        _client = _factory.Authorize(_factory.CreateClient());
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string text, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/annotations") { Content = Api.Json(new { date = "2020-03-23", text }) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }
        return client.SendAsync(request);
    }

    private async Task<int> StoredAsync(string text) =>
        (await _client.GetJsonAsync("/api/annotations")).EnumerateArray().Count(a => a.Str("text") == text);

    [Fact]
    public async Task A_retry_with_the_same_key_answers_the_first_annotation_and_stores_nothing()
    {
        var first = await (await PostAsync(_client, "Once only", "9b1f0c9e-retry")).JsonAsync(HttpStatusCode.Created);
        var retry = await PostAsync(_client, "Once only", "9b1f0c9e-retry");
        var again = await retry.JsonAsync(HttpStatusCode.Created);

        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal($"/api/annotations/{first.GetProperty("id").GetInt64()}", retry.Headers.Location?.OriginalString);
        Assert.Equal(1, await StoredAsync("Once only"));
        // Nothing new in the change log either: the retry took no seq.
        var changes = (await _client.GetJsonAsync("/api/annotations/changes")).EnumerateArray().ToList();
        Assert.Equal(first.GetProperty("seq").GetInt64(), changes[^1].GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task Retries_racing_with_one_key_store_one_annotation()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(_client, "Raced", "raced-key")));

        var bodies = await Task.WhenAll(answers.Select(a => a.JsonAsync(HttpStatusCode.Created)));
        Assert.Single(bodies.Select(b => b.GetProperty("id").GetInt64()).Distinct());
        Assert.Equal(1, await StoredAsync("Raced"));
    }

    [Fact]
    public async Task Posts_without_a_key_or_with_different_keys_each_store()
    {
        await (await PostAsync(_client, "Twice", null)).JsonAsync(HttpStatusCode.Created);
        await (await PostAsync(_client, "Twice", null)).JsonAsync(HttpStatusCode.Created);
        await (await PostAsync(_client, "Twice", "key-a")).JsonAsync(HttpStatusCode.Created);
        await (await PostAsync(_client, "Twice", "key-b")).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(4, await StoredAsync("Twice"));
    }

    [Fact]
    public async Task A_key_is_its_account_s_own()
    {
        using var other = _factory.Authorize(_factory.CreateClient(), "other-editor");

        var mine = await (await PostAsync(_client, "Mine", "shared-key")).JsonAsync(HttpStatusCode.Created);
        var theirs = await (await PostAsync(other, "Theirs", "shared-key")).JsonAsync(HttpStatusCode.Created);

        Assert.NotEqual(mine.GetProperty("id").GetInt64(), theirs.GetProperty("id").GetInt64());
        Assert.Equal("other-editor", theirs.Str("author"));
        Assert.Equal(1, await StoredAsync("Theirs"));
    }

    [Fact]
    public async Task A_key_used_again_for_other_content_is_refused_naming_the_header_and_stores_nothing()
    {
        await (await PostAsync(_client, "The first", "reused-key")).JsonAsync(HttpStatusCode.Created);

        var problem = await (await PostAsync(_client, "Something else", "reused-key")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Idempotency-Key", Assert.Single(problem.Errors()).Str("field"));
        Assert.Equal(0, await StoredAsync("Something else"));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("é-not-ascii")]
    public async Task A_malformed_key_is_refused_naming_the_header_and_stores_nothing(string key)
    {
        var problem = await (await PostAsync(_client, "Malformed key", key)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Idempotency-Key", Assert.Single(problem.Errors()).Str("field"));
        Assert.Equal(0, await StoredAsync("Malformed key"));
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_refused()
    {
        var problem = await (await PostAsync(_client, "Long key", new string('k', 256))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("255", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync("Long key"));
    }

    [Fact]
    public async Task A_key_is_forgotten_after_its_lifetime_and_then_stores_again()
    {
        var first = await (await PostAsync(_client, "Day after day", "daily-key")).JsonAsync(HttpStatusCode.Created);
        _clock.Advance(TimeSpan.FromHours(23));
        var within = await (await PostAsync(_client, "Day after day", "daily-key")).JsonAsync(HttpStatusCode.Created);
        _clock.Advance(TimeSpan.FromHours(2));
        var after = await (await PostAsync(_client, "Day after day", "daily-key")).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(Id(first), Id(within));
        Assert.NotEqual(Id(first), Id(after));
        Assert.Equal(2, await StoredAsync("Day after day"));
    }

    private static long Id(JsonElement annotation) => annotation.GetProperty("id").GetInt64();
}
