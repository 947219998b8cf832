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
        await using var factory = MarketContextFactory.In(folder, new Dictionary<string, string?> { ["MarketContext:SessionLifetimeHours"] = "0.0015" });
        factory.TokenFor("life-lena", "editor");
        using var browser = await BrowserSession.SignInAsync(factory, "life-lena", "password-of-life-lena");

        var during = await BrowserSession.WhoAsync(browser.Client);
        await Task.Delay(TimeSpan.FromSeconds(6));
        var after = await BrowserSession.WhoAsync(browser.Client);

        Assert.Equal("life-lena", during);
        Assert.Null(after);
    }

    [Fact]
    public async Task Three_first_visitors_at_once_create_exactly_one_administrator_and_the_others_are_told_to_sign_in()
    {
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder);
        var visitors = Enumerable.Range(0, 3).Select(_ => factory.CreateClient(new() { AllowAutoRedirect = false })).ToList();
        var tokens = await Task.WhenAll(visitors.Select(v => BrowserSession.FormTokenAsync(v, "/Login")));

        var answers = await Task.WhenAll(visitors.Select((v, i) => v.PostAsync("/Login?handler=Setup",
            BrowserSession.Form(tokens[i], ("Name", $"first-{i}"), ("Password", "first-admin-password"), ("Confirm", "first-admin-password")))));

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
