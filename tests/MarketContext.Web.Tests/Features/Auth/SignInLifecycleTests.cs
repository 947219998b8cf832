using System.Net;
using MarketContext.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Auth;

public sealed class SignInLifecycleTests
{
    [Fact]
    public async Task A_busy_session_still_ends_at_its_absolute_lifetime()
    {
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider();
        await using var factory = MarketContextFactory.In(folder, new Dictionary<string, string?> { ["MarketContext:SessionLifetimeHours"] = "2" }, clock);
        factory.TokenFor("life-lena", "editor");
        using var browser = await BrowserSession.SignInAsync(factory, "life-lena", "password-of-life-lena");

        var atSignIn = await BrowserSession.WhoAsync(browser.Client);
        // A request every 17 minutes: never idle for long.
        string? aMinuteBefore = null;
        for (var i = 0; i < 7; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(17));
            aMinuteBefore = await BrowserSession.WhoAsync(browser.Client);
        }
        clock.Advance(TimeSpan.FromMinutes(2));
        var aMinuteAfter = await BrowserSession.WhoAsync(browser.Client);

        Assert.Equal("life-lena", atSignIn);
        Assert.Equal("life-lena", aMinuteBefore);
        Assert.Null(aMinuteAfter);
    }

    [Fact]
    public async Task A_token_works_until_its_last_day_ends_and_not_after()
    {
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider();
        await using var factory = MarketContextFactory.In(folder, clock: clock);
        var users = factory.Services.GetRequiredService<MarketContext.Web.Features.Auth.UserStore>();
        var token = await users.CreateTokenAsync(await users.AddAsync("life-tom", "password-of-life-tom", "editor"), expiresInDays: 1);
        using var script = factory.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", token);

        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        var aMinuteBefore = await BrowserSession.WhoAsync(script);
        clock.Advance(TimeSpan.FromMinutes(2));
        var aMinuteAfter = await BrowserSession.WhoAsync(script);

        Assert.Equal("life-tom", aMinuteBefore);
        Assert.Null(aMinuteAfter);
    }

    [Fact]
    public async Task Three_first_visitors_at_once_create_exactly_one_administrator_and_the_others_are_told_to_sign_in()
    {
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder);
        var code = factory.Services.GetRequiredService<MarketContext.Web.Features.Auth.FirstAdminSetup>().Code;
        var visitors = Enumerable.Range(0, 3).Select(_ => factory.CreateClient(new() { AllowAutoRedirect = false })).ToList();
        var tokens = await Task.WhenAll(visitors.Select(v => BrowserSession.FormTokenAsync(v, "/Login")));

        var answers = await Task.WhenAll(visitors.Select((v, i) => v.PostAsync("/Login?handler=Setup",
            BrowserSession.Form(tokens[i], ("Name", $"first-{i}"), ("Password", "first-admin-password"), ("Confirm", "first-admin-password"), ("SetupCode", code)))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        foreach (var loser in answers.Where(a => a.StatusCode != HttpStatusCode.Redirect))
        {
            Assert.Equal(HttpStatusCode.OK, loser.StatusCode);
            var page = await loser.Content.ReadAsStringAsync();
            Assert.Contains("sign in instead", page);
            Assert.Contains("<h1>Sign in</h1>", page);
        }
        var users = await factory.Services.GetRequiredService<MarketContext.Web.Features.Auth.UserStore>().ListAsync();
        Assert.Single(users);
        Assert.Equal("admin", users[0].Role);
        visitors.ForEach(v => v.Dispose());
    }
}
