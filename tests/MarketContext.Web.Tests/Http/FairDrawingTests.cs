using System.Globalization;
using System.Net;
using System.Security.Claims;
using MarketContext.TestSupport;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Http;

/// <summary>
/// One signed-in account looping fresh renders cannot take the drawing line from everyone else, and a picture whose
/// caller has gone is not drawn.
/// </summary>
public sealed class FairDrawingTests
{
    private static MarketContextFactory App(TempFolder folder, string queueLimit)
    {
        var factory = MarketContextFactory.In(folder, new Dictionary<string, string?>
        {
            ["MarketContext:RenderConcurrency"] = "1",
            ["MarketContext:RenderQueueLimit"] = queueLimit,
            ["MarketContext:RenderQueueSeconds"] = "30",
        });
        PriceFixtures.WriteStandardSeries(factory.PricesDirectory);
        return factory;
    }

    /// <summary>The slots of <paramref name="name"/>'s account held until <paramref name="release"/> completes.</summary>
    internal static async Task HoldAsAsync(MarketContextFactory factory, string name, Task release)
    {
        var account = await factory.Services.GetRequiredService<UserStore>().FindAsync(name);
        var signedIn = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, account!.Id.ToString(CultureInfo.InvariantCulture))], "test")),
        };
        await factory.Services.GetRequiredService<RenderSlots>().DrawAsync(signedIn, async () => { await release; return null; });
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition() && waited < 200; waited++)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task An_account_looping_fresh_pictures_keeps_only_its_share_of_slots_and_line_and_an_anonymous_chart_is_drawn_meanwhile()
    {
        using var folder = new TempFolder();
        await using var factory = App(folder, queueLimit: "4");
        using var editor = factory.Authorize(factory.CreateClient());
        using var anonymous = factory.CreateClient();
        await editor.GetAsync("/api/chart.png?width=400&height=300");
        // The account's one slot is held for as long as the test wants, so nothing depends on how fast the machine draws.
        var release = new TaskCompletionSource<object?>();
        var held = HoldAsAsync(factory, "editor", release.Task);
        var editors = Enumerable.Range(0, 4).Select(i => editor.GetAsync($"/api/chart.png?width={500 + i}&height=300")).ToList();
        await WaitUntilAsync(() => editors.Count(e => e.IsCompleted) >= 3);
        var chart = await anonymous.GetAsync("/api/chart.png?width=700&height=300").WaitAsync(TimeSpan.FromSeconds(20));
        var refusedWhileHeld = editors.Where(e => e.IsCompleted).Select(e => e.Result.StatusCode).ToList();
        release.SetResult(null);
        await held;

        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal(3, refusedWhileHeld.Count);
        Assert.All(refusedWhileHeld, s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
        Assert.Single(await Task.WhenAll(editors), e => e.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_picture_whose_caller_went_away_while_it_waited_for_a_slot_is_never_drawn()
    {
        using var folder = new TempFolder();
        await using var factory = App(folder, queueLimit: "64");
        using var client = new HttpClient { BaseAddress = new Uri(factory.StartKestrel()) };
        await client.GetAsync("/api/chart.png?width=400&height=300");
        var cache = factory.Services.GetRequiredService<ChartRenderCache>();
        var keptBefore = cache.Count;

        var release = new TaskCompletionSource<object?>();
        var held = factory.Services.GetRequiredService<RenderSlots>().DrawAsync(new DefaultHttpContext(), async () => await release.Task).AsTask();
        using var leave = new CancellationTokenSource();
        var abandoned = client.GetAsync("/api/chart.png?width=801&height=300", leave.Token);
        await WaitUntilAsync(() => cache.Renders >= 2);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        // The server notices the closed connection on its own time; the wait covers a loaded machine.
        await Task.Delay(1000);
        release.SetResult(null);
        await held;
        var next = await client.GetAsync("/api/chart.png?width=802&height=300");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        // Only the picture that was waited for is kept: the abandoned one would have been drawn first.
        Assert.Equal(keptBefore + 1, cache.Count);
    }
}
