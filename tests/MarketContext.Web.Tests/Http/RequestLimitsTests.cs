using System.Net;
using MarketContext.TestSupport;
using MarketContext.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Http;

public sealed class RequestLimitsTests
{
    private static MarketContextFactory App(TempFolder folder, Dictionary<string, string?> settings)
    {
        var factory = MarketContextFactory.In(folder, settings);
        PriceFixtures.WriteStandardSeries(factory.PricesDirectory);
        return factory;
    }

    [Theory]
    [InlineData("/api/chart.png?width=4000&height=3000&scale=3", "108,000,000")]
    [InlineData("/api/chart.svg?width=4000&height=3000&scale=2", "48,000,000")]
    [InlineData("/api/event-study/chart.png?symbol=ERIC&date=2019-05-15&width=4000&height=3000&scale=2", "48,000,000")]
    public async Task A_picture_over_sixteen_megapixels_is_refused_with_the_limit_named(string url, string pixels)
    {
        using var folder = new TempFolder();
        await using var factory = App(folder, []);
        using var client = factory.CreateClient();

        var problem = await (await client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);

        var error = Assert.Single(problem.Errors());
        Assert.Equal("width", error.Str("field"));
        Assert.Contains(pixels, error.Str("message"), StringComparison.Ordinal);
        Assert.Contains("16,000,000", error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_address_gets_429_with_Retry_After_past_its_budget_while_signed_in_callers_and_healthz_go_on()
    {
        using var folder = new TempFolder();
        await using var factory = App(folder, new() { ["MarketContext:AnonymousRendersPerMinute"] = "3" });
        using var anonymous = factory.CreateClient();
        using var editor = factory.Authorize(factory.CreateClient());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await anonymous.GetAsync($"/api/chart/layout?width={400 + i}")).StatusCode);
        }
        var refused = await anonymous.GetAsync("/api/chart.png?width=400&height=300");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/api/chart.png?width=400&height=300")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/series")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("/api/event-study/aggregate?symbols=ERIC&eventIds=E22,E23,E25")]
    [InlineData("/api/event-study/aggregate.csv?symbols=ERIC&eventIds=E22,E23,E25")]
    public async Task The_study_across_events_counts_against_an_anonymous_budget_like_a_picture(string url)
    {
        using var folder = new TempFolder();
        await using var factory = App(folder, new() { ["MarketContext:AnonymousRendersPerMinute"] = "2" });
        PriceFixtures.WriteRandomWalks(factory.PricesDirectory);
        using var anonymous = factory.CreateClient();
        using var editor = factory.Authorize(factory.CreateClient());

        var allowed = new[] { (await anonymous.GetAsync(url)).StatusCode, (await anonymous.GetAsync(url)).StatusCode };
        var refused = await anonymous.GetAsync(url);

        Assert.All(allowed, s => Assert.Equal(HttpStatusCode.OK, s));
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("1", "30")]
    [InlineData("64", "0.05")]
    public async Task Renders_beyond_the_line_or_kept_waiting_too_long_get_503_with_Retry_After(string queueLimit, string queueSeconds)
    {
        using var folder = new TempFolder();
        await using var factory = App(folder, new()
        {
            ["MarketContext:RenderConcurrency"] = "1",
            ["MarketContext:RenderQueueLimit"] = queueLimit,
            ["MarketContext:RenderQueueSeconds"] = queueSeconds,
        });
        using var editor = factory.Authorize(factory.CreateClient());
        await editor.GetAsync("/api/chart.png?width=400&height=300");

        // The one slot is held for as long as the test wants, so whether the line fills does not depend on how fast
        // the machine draws.
        var release = new TaskCompletionSource<object?>();
        var held = FairDrawingTests.HoldAsAsync(factory, "editor", release.Task);
        var asked = Enumerable.Range(0, 3).Select(i => editor.GetAsync($"/api/chart.png?width={500 + i}&height=300")).ToList();
        for (var waited = 0; asked.Count(a => a.IsCompleted) < 2 && waited < 200; waited++)
        {
            await Task.Delay(50);
        }
        var refusedWhileHeld = asked.Where(a => a.IsCompleted).Select(a => a.Result).ToList();
        release.SetResult(null);
        await held;
        var answers = await Task.WhenAll(asked);
        var after = await editor.GetAsync("/api/chart.png?width=600&height=300");

        Assert.True(refusedWhileHeld.Count >= 2, $"{refusedWhileHeld.Count} answers while the slot was held");
        Assert.All(refusedWhileHeld, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, a.StatusCode.ToString()));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("2", refusedWhileHeld[0].Headers.GetValues("Retry-After").Single());
        await refusedWhileHeld[0].ProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task A_revalidation_or_a_view_already_drawn_answers_while_every_drawing_slot_is_taken()
    {
        using var folder = new TempFolder();
        await using var factory = App(folder, new() { ["MarketContext:RenderConcurrency"] = "1", ["MarketContext:RenderQueueSeconds"] = "30" });
        using var client = factory.Authorize(factory.CreateClient());
        const string png = "/api/chart.png?width=420&height=300", svg = "/api/chart.svg?width=420&height=300";
        var drawn = await client.GetAsync(png);
        var pngTag = drawn.Headers.ETag!.Tag;
        var svgTag = (await client.GetAsync(svg)).Headers.ETag!.Tag;

        Task<HttpResponseMessage> Revalidate(string url, string etag)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
            return client.SendAsync(request);
        }

        var release = new TaskCompletionSource<object?>();
        var held = FairDrawingTests.HoldAsAsync(factory, "editor", release.Task);
        var newView = client.GetAsync("/api/chart.png?width=421&height=300");
        var again = client.GetAsync(png);
        var layout = client.GetAsync("/api/chart/layout?width=420&height=300");
        var pngRevalidated = Revalidate(png, pngTag);
        var svgRevalidated = Revalidate(svg, svgTag);
        var cheap = Task.WhenAll(again, layout, pngRevalidated, svgRevalidated);
        var first = await Task.WhenAny(cheap, Task.Delay(TimeSpan.FromSeconds(20)));
        var newViewWaited = !newView.IsCompleted;
        release.SetResult(null);
        await held;

        Assert.Same(cheap, first);
        Assert.True(newViewWaited, "a view never drawn must wait for the slot");
        Assert.Equal(HttpStatusCode.OK, (await again).StatusCode);
        Assert.Equal(await drawn.Content.ReadAsByteArrayAsync(), await (await again).Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await layout).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await pngRevalidated).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await svgRevalidated).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newView).StatusCode);
    }

    [Fact]
    public async Task A_burst_of_ordinary_charts_like_every_viewer_redrawing_at_once_waits_in_line_instead_of_failing()
    {
        using var folder = new TempFolder();
        await using var factory = App(folder, new() { ["MarketContext:RenderConcurrency"] = "1" });
        using var client = factory.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            client.GetAsync(i % 2 == 0 ? $"/api/chart.png?width={600 + i}&height=400" : $"/api/chart/layout?width={600 + i}&height=400")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }
}
