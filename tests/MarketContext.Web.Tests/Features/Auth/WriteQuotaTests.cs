using System.Net;
using System.Net.Http.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Auth;

/// <summary>
/// An account's writes are rationed per window (<c>MarketContext:Quotas</c>): past its quota it is told 429 with
/// Retry-After, nothing is stored, other accounts go on, and the next window lets it write again.
/// </summary>
public sealed class WriteQuotaTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly ManualTimeProvider _clock = new();
    private MarketContextFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = MarketContextFactory.In(_folder, new Dictionary<string, string?>
        {
            ["MarketContext:Quotas:AnnotationsPerMinute"] = "2",
            ["MarketContext:Quotas:ImportsPerHour"] = "1",
        }, _clock);
        PriceFixtures.WriteStandardSeries(_factory.PricesDirectory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    private static Task<HttpResponseMessage> Annotate(HttpClient client, string text) =>
        client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text });

    [Fact]
    public async Task An_account_past_its_annotations_a_minute_gets_429_with_Retry_After_until_the_next_minute()
    {
        using var editor = _factory.Authorize(_factory.CreateClient());
        using var other = _factory.Authorize(_factory.CreateClient(), "other-editor");

        var allowed = new[] { (await Annotate(editor, "one")).StatusCode, (await Annotate(editor, "two")).StatusCode };
        var refused = await Annotate(editor, "three");
        var othersOwn = await Annotate(other, "someone else's");

        Assert.All(allowed, s => Assert.Equal(HttpStatusCode.Created, s));
        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("2 new annotations a minute", problem.Str("detail"), StringComparison.Ordinal);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.Created, othersOwn.StatusCode);
        Assert.DoesNotContain("three", (await editor.GetJsonAsync("/api/annotations")).EnumerateArray().Select(a => a.Str("text")));

        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Created, (await Annotate(editor, "next minute")).StatusCode);
    }

    [Fact]
    public async Task An_account_past_its_imports_an_hour_gets_429_and_its_file_is_not_stored()
    {
        using var editor = _factory.Authorize(_factory.CreateClient());

        await (await editor.PostAsync("/api/series/FIRST/import", Api.Csv(PriceFixtures.Yahoo(10, 0.5)))).JsonAsync();
        var refused = await editor.PostAsync("/api/series/SECOND/import", Api.Csv(PriceFixtures.Yahoo(10, 0.5)));

        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("1 import an hour", problem.Str("detail"), StringComparison.Ordinal);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 3000, 3600);
        var series = (await editor.GetJsonAsync("/api/series")).EnumerateArray().Select(s => s.Str("symbol")).ToList();
        Assert.Contains("FIRST", series);
        Assert.DoesNotContain("SECOND", series);

        _clock.Advance(TimeSpan.FromHours(1));
        await (await editor.PostAsync("/api/series/SECOND/import", Api.Csv(PriceFixtures.Yahoo(10, 0.5)))).JsonAsync();
    }

    [Fact]
    public async Task Event_set_imports_count_against_the_same_imports_an_hour_and_a_refused_file_is_not_stored()
    {
        using var editor = _factory.Authorize(_factory.CreateClient());
        await (await editor.PostAsJsonAsync("/api/event-sets", new { slug = "quota-set", title = "Quota" })).JsonAsync(HttpStatusCode.Created);
        static HttpContent File(string id) => Api.Csv($"id,title,category,date\n{id},Event {id},legal,2021-04-01\n");

        await (await editor.PostAsync("/api/event-sets/quota-set/import", File("FIRST"))).JsonAsync();
        var refused = await editor.PostAsync("/api/event-sets/quota-set/import", File("SECOND"));
        var priceImport = await editor.PostAsync("/api/series/THIRD/import", Api.Csv(PriceFixtures.Yahoo(10, 0.5)));

        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("1 import an hour", problem.Str("detail"), StringComparison.Ordinal);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 3000, 3600);
        Assert.Equal(HttpStatusCode.TooManyRequests, priceImport.StatusCode);
        var ids = (await editor.GetJsonAsync("/api/event-sets/quota-set/events")).EnumerateArray().Select(e => e.Str("id")).ToList();
        Assert.Equal(["FIRST"], ids);
    }
}
