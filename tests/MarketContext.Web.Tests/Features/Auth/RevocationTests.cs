using System.Net;
using MarketContext.TestSupport;
using MarketContext.Web.Features.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Auth;

public sealed class RevocationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private UserStore Users => app.Factory.Services.GetRequiredService<UserStore>();

    private async Task<BrowserSession> SignedInAsync(string name, string role = "editor")
    {
        app.Factory.TokenFor(name, role);
        return await BrowserSession.SignInAsync(app.Factory, name, $"password-of-{name}");
    }

    [Fact]
    public async Task After_sign_out_a_copy_of_the_session_cookie_no_longer_signs_in()
    {
        using var browser = await SignedInAsync("rev-sally");
        using var thief = browser.Copy(app.Factory);
        Assert.Equal("rev-sally", await BrowserSession.WhoAsync(thief));

        await browser.SignOutAsync();

        Assert.Null(await BrowserSession.WhoAsync(thief));
        var write = await thief.PostAsync("/api/annotations", Api.Json(new { date = "2020-02-13", text = "after sign-out" }));
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
    }

    [Fact]
    public async Task A_role_change_a_password_change_and_a_removal_each_end_the_open_sessions_at_once()
    {
        using var demoted = await SignedInAsync("rev-dora");
        using var renewed = await SignedInAsync("rev-paul");
        using var removed = await SignedInAsync("rev-remy");
        var removedToken = app.Factory.TokenFor("rev-remy", "editor");

        await Users.SetRoleAsync("rev-dora", Roles.Viewer, "test");
        await Users.SetPasswordAsync("rev-paul", "a brand new password", "test");
        await Users.RemoveAsync("rev-remy", "test");

        Assert.Null(await BrowserSession.WhoAsync(demoted.Client));
        Assert.Null(await BrowserSession.WhoAsync(renewed.Client));
        Assert.Null(await BrowserSession.WhoAsync(removed.Client));
        using var script = app.Factory.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", removedToken);
        Assert.Null(await BrowserSession.WhoAsync(script));
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.PostAsync("/api/annotations", Api.Json(new { date = "2020-02-13", text = "removed" }))).StatusCode);
        using var again = await BrowserSession.SignInAsync(app.Factory, "rev-dora", "password-of-rev-dora");
        Assert.Equal("viewer", (await again.Client.GetJsonAsync("/api/me")).Str("role"));
    }

    [Fact]
    public async Task An_expired_or_revoked_token_is_refused_and_a_used_one_shows_its_last_use()
    {
        var user = await Users.AddAsync("rev-tina", "password-of-rev-tina", Roles.Editor);
        var used = await Users.CreateTokenAsync(user, 30);
        var revoked = await Users.CreateTokenAsync(user, 30);
        using var client = app.Factory.CreateClient();

        client.DefaultRequestHeaders.Authorization = new("Bearer", used);
        Assert.Equal("rev-tina", (await client.GetJsonAsync("/api/me")).Str("name"));
        var tokens = await Users.ListTokensAsync("rev-tina");
        await Users.RevokeTokenAsync(tokens[1].Id, "test");
        client.DefaultRequestHeaders.Authorization = new("Bearer", revoked);
        var afterRevoke = await BrowserSession.WhoAsync(client);
        await using (var connection = await app.Factory.Services.GetRequiredService<MarketContext.Web.Data.Db>().OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "update api_tokens set expires_at = '2020-01-01T00:00:00.000Z' where id = @id", new { id = tokens[0].Id });
        }
        client.DefaultRequestHeaders.Authorization = new("Bearer", used);
        var afterExpiry = await BrowserSession.WhoAsync(client);
        var expiredWrite = await client.PostAsync("/api/annotations", Api.Json(new { date = "2020-02-13", text = "expired" }));

        Assert.Null(afterRevoke);
        Assert.Null(afterExpiry);
        Assert.Equal(HttpStatusCode.Unauthorized, expiredWrite.StatusCode);
        var listed = await Users.ListTokensAsync("rev-tina");
        Assert.NotNull(listed[0].LastUsedAt);
        Assert.Null(listed[1].LastUsedAt);
        Assert.Equal(["expired", "revoked"], listed.Select(t => t.State(DateTime.UtcNow)));
        Assert.InRange((tokens[0].ExpiresAt - tokens[0].CreatedAt).TotalDays, 29.9, 30.1);
    }

    [Fact]
    public async Task Tokens_expire_after_ninety_days_by_default()
    {
        var user = await Users.AddAsync("rev-ned", "password-of-rev-ned", Roles.Viewer);
        await Users.CreateTokenAsync(user);

        var token = Assert.Single(await Users.ListTokensAsync("rev-ned"));
        Assert.InRange((token.ExpiresAt - token.CreatedAt).TotalDays, 89.9, 90.1);
    }

    [Fact]
    public async Task Account_changes_are_in_the_audit_log_which_only_admins_read()
    {
        await Users.AddAsync("rev-aud", "password-of-rev-aud", Roles.Viewer, "rev-boss");
        await Users.SetRoleAsync("rev-aud", Roles.Editor, "rev-boss");
        using var admin = app.Factory.Authorize(app.Factory.CreateClient(), "rev-admin", "admin");
        using var editor = app.Factory.Authorize(app.Factory.CreateClient(), "rev-ed", "editor");

        var log = (await admin.GetJsonAsync("/api/admin/audit")).EnumerateArray().Where(e => e.Str("target") == "rev-aud").ToList();
        var forbidden = await editor.GetAsync("/api/admin/audit");
        var anonymous = await app.Factory.CreateClient().GetAsync("/api/admin/audit");

        Assert.Equal(["role set", "user added"], log.Select(e => e.Str("action")));
        Assert.All(log, e => Assert.Equal("rev-boss", e.Str("actor")));
        Assert.Equal("role editor", log[0].Str("detail"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_last_administrator_can_be_neither_demoted_nor_removed()
    {
        // A database of its own, so that how many administrators the class's other tests made does not matter.
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder);
        var users = factory.Services.GetRequiredService<UserStore>();
        await users.AddAsync("rev-first-admin", "password-of-rev-first-admin", Roles.Admin);
        await users.AddAsync("rev-second-admin", "password-of-rev-second-admin", Roles.Admin);
        Assert.Equal(["rev-first-admin", "rev-second-admin"], (await users.ListAsync()).Where(a => a.Role == Roles.Admin).Select(a => a.Name).Order());

        // With another administrator left, one may step down; the other is then the last.
        await users.SetRoleAsync("rev-first-admin", Roles.Editor, "test");
        var demote = await Assert.ThrowsAsync<AccountException>(() => users.SetRoleAsync("rev-second-admin", Roles.Editor, "test"));
        var remove = await Assert.ThrowsAsync<AccountException>(() => users.RemoveAsync("rev-second-admin", "test"));

        Assert.Equal(Roles.Editor, (await users.FindAsync("rev-first-admin"))!.Role);
        Assert.Equal(Roles.Admin, (await users.FindAsync("rev-second-admin"))!.Role);
        Assert.Contains("last administrator", demote.Message);
        Assert.Contains("last administrator", remove.Message);
    }
}
