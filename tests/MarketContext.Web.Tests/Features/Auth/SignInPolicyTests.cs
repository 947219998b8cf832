using System.Net;
using MarketContext.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Auth;

public sealed class SignInPolicyTests
{
    [Fact]
    public async Task Reads_can_be_configured_to_need_a_signed_in_user()
    {
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder, new Dictionary<string, string?> { ["MarketContext:RequireSignInToRead"] = "true" });
        PriceFixtures.WriteStandardSeries(factory.PricesDirectory);
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var viewer = factory.Authorize(factory.CreateClient(), "viv", "viewer");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/series")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Login")).StatusCode);
        // The sign-in page's own stylesheet, a static asset, is no read to guard.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/css/site.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/series")).StatusCode);
    }

    [Fact]
    public async Task Repeated_sign_in_attempts_are_slowed_down()
    {
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await client.PostAsync("/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "x", ["Password"] = "y" }))).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task A_new_installation_lets_the_holder_of_the_setup_code_create_the_administrator_and_then_never_again()
    {
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var firstPage = await client.GetStringAsync("/Login");
        var token = BrowserSession.FormToken(firstPage);

        var created = await client.PostAsync("/Login?handler=Setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "root",
            ["Password"] = "first-admin-password",
            ["Confirm"] = "first-admin-password",
            ["SetupCode"] = factory.Services.GetRequiredService<MarketContext.Web.Features.Auth.FirstAdminSetup>().Code,
            ["__RequestVerificationToken"] = token,
        }));
        var me = await client.GetJsonAsync("/api/me");
        var secondPage = await client.GetStringAsync("/Login");

        Assert.Contains("Create the first administrator", firstPage);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("root", me.Str("name"));
        Assert.Equal("admin", me.Str("role"));
        Assert.DoesNotContain("Create the first administrator", secondPage);
    }
}
