using System.Net;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Pages;

public sealed class AdminPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_admin_changes_a_role_on_the_page_only_with_their_own_password_and_that_users_session_ends_at_once()
    {
        app.Factory.TokenFor("page-ada", "admin");
        app.Factory.TokenFor("page-ed", "editor");
        using var admin = await BrowserSession.SignInAsync(app.Factory, "page-ada", "password-of-page-ada");
        using var editor = await BrowserSession.SignInAsync(app.Factory, "page-ed", "password-of-page-ed");

        var page = await admin.Client.GetStringAsync("/Admin");
        var token = await BrowserSession.FormTokenAsync(admin.Client, "/Admin");
        var unconfirmed = await admin.Client.PostAsync("/Admin?handler=Role", BrowserSession.Form(token, ("name", "page-ed"), ("role", "viewer")));
        var wrongPassword = await admin.Client.PostAsync("/Admin?handler=Role",
            BrowserSession.Form(token, ("name", "page-ed"), ("role", "viewer"), ("CurrentPassword", "not-the-password")));
        var stillEditor = await BrowserSession.WhoAsync(editor.Client);
        var changed = await admin.Client.PostAsync("/Admin?handler=Role",
            BrowserSession.Form(token, ("name", "page-ed"), ("role", "viewer"), ("CurrentPassword", "password-of-page-ada")));
        var after = await changed.Content.ReadAsStringAsync();

        Assert.Contains("data-user=\"page-ed\"", page, StringComparison.Ordinal);
        Assert.Contains("enter your own password", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("enter your own password", await wrongPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("page-ed", stillEditor);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("page-ed is now viewer", after, StringComparison.Ordinal);
        Assert.Contains("<td>page-ada</td><td>role set</td><td>page-ed</td>", after, StringComparison.Ordinal);
        Assert.Null(await BrowserSession.WhoAsync(editor.Client));
    }

    [Fact]
    public async Task Editors_and_anonymous_visitors_do_not_see_the_accounts_page()
    {
        app.Factory.TokenFor("page-eve", "editor");
        using var editor = await BrowserSession.SignInAsync(app.Factory, "page-eve", "password-of-page-eve");
        using var anonymous = app.Factory.CreateClient(new() { AllowAutoRedirect = false });

        var asEditor = await editor.Client.GetAsync("/Admin");
        var asAnonymous = await anonymous.GetAsync("/Admin");

        Assert.Equal(HttpStatusCode.Redirect, asEditor.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, asAnonymous.StatusCode);
        Assert.StartsWith("/Login", asAnonymous.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("/Admin\">Accounts", await editor.Client.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
