using System.Net;
using System.Net.Http.Json;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Web.Tests.Features.Annotations;

public sealed class HostileInputTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_body_over_64_KB_is_refused_with_413_and_nothing_is_stored()
    {
        var before = (await app.Client.GetJsonAsync("/api/annotations/changes?afterSeq=0")).GetArrayLength();

        var response = await app.Client.PostAsJsonAsync("/api/annotations", new { date = "2020-02-13", text = new string('x', 70_000) });

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, (await app.Client.GetJsonAsync("/api/annotations/changes?afterSeq=0")).GetArrayLength());
    }

    [Fact]
    public async Task Text_at_the_documented_limit_is_kept_and_one_character_more_is_refused()
    {
        var atLimit = await app.Client.PostAsJsonAsync("/api/annotations", new { date = "2020-02-13", text = new string('a', 2000) });
        var overLimit = await app.Client.PostAsJsonAsync("/api/annotations", new { date = "2020-02-13", text = new string('a', 2001) });

        Assert.Equal(2000, (await atLimit.JsonAsync(HttpStatusCode.Created)).Str("text")!.Length);
        var problem = await overLimit.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors(), e => e.Str("field") == "text" && e.Str("message")!.Contains("2,000"));
    }

    [Fact]
    public async Task Script_and_markup_are_stored_and_returned_as_plain_text()
    {
        const string payload = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quotes\"";

        var created = await (await app.Client.PostAsJsonAsync("/api/annotations", new { date = "2020-02-13", text = payload })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(payload, created.Str("text"));
        var page = await app.Client.GetStringAsync("/");
        Assert.DoesNotContain("<script>alert('x')</script>", page);
    }

    [Fact]
    public async Task A_SignalR_message_over_the_size_limit_closes_that_connection()
    {
        using var folder = new TempFolder();
        await using var live = MarketContextFactory.In(folder);
        PriceFixtures.WriteStandardSeries(live.PricesDirectory);
        var baseUrl = live.StartKestrel();
        var hub = new HubConnectionBuilder().WithUrl(baseUrl + "/hubs/annotations").Build();
        var closed = new TaskCompletionSource<Exception?>();
        hub.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        await hub.StartAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => hub.InvokeAsync("Anything", new string('x', 100_000)));

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }
}
