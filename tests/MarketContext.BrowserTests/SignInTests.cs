using System.Text.RegularExpressions;
using MarketContext.Web.Features.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>Who may write, as the browser shows it and as the server enforces it.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardFixture app)
{
    [Fact]
    public async Task Sign_in_and_sign_out_work_from_the_header()
    {
        var account = await app.CreateUserAsync(Roles.Editor);
        await using var dashboard = await app.OpenDashboardAsync();
        var header = dashboard.Page.Locator("header");
        await Expect(dashboard.SignedInAs).ToHaveCountAsync(0);
        await Expect(dashboard.AnnotationForm).ToBeHiddenAsync();

        await header.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Expect(dashboard.Page).ToHaveURLAsync(new Regex("/Login\\?ReturnUrl="));
        await dashboard.SubmitSignInFormAsync(account.Name, account.Password);

        await Expect(dashboard.Page.GetByTestId("annotation-list")).ToBeAttachedAsync();
        await Expect(dashboard.SignedInAs).ToHaveTextAsync($"{account.Name} (editor)");
        await Expect(dashboard.AnnotationForm).ToBeVisibleAsync();
        await Expect(dashboard.Page.GetByTestId("annotation-submit")).ToBeVisibleAsync();
        await Expect(dashboard.Page.GetByTestId("signin-hint")).ToHaveCountAsync(0);
        await Expect(dashboard.ConnectionStatus).ToHaveTextAsync("connected");

        await dashboard.SignOutAsync();

        await Expect(dashboard.AnnotationForm).ToBeHiddenAsync();
        await Expect(dashboard.Page.GetByTestId("annotation-submit")).ToBeHiddenAsync();
        await Expect(header.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(dashboard.ConnectionStatus).ToHaveTextAsync("connected");
        // The session is gone on the server too, not just from the page.
        Assert.Null(await dashboard.Page.EvaluateAsync<string?>("async () => (await (await fetch('/api/me')).json()).name"));
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_viewer_sees_no_write_controls_and_is_refused_if_it_tries()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var editorApi = await app.ApiClientAsync(editor);
        using var anonymousApi = await app.ApiClientAsync();
        // Something to read, so that the absence of Edit and Delete buttons means something.
        var existing = await editorApi.AddAnnotationAsync("2019-06-04", $"Written by an editor {Guid.NewGuid():N}");
        await using var viewer = await app.OpenDashboardAsync(await app.CreateUserAsync(Roles.Viewer));
        await using var anonymous = await app.OpenDashboardAsync();
        var before = await anonymousApi.AnnotationsAsync();
        var lastSeq = await anonymousApi.LastSeqAsync();

        foreach (var (page, refusal) in new[] { (viewer, 403), (anonymous, 401) })
        {
            await Expect(page.AnnotationWithId(existing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToHaveCountAsync(1);
            await Expect(page.Page.GetByTestId("annotation-submit")).Not.ToBeVisibleAsync();
            await Expect(page.AnnotationForm).ToBeHiddenAsync();
            await Expect(page.AnnotationForm).ToHaveAttributeAsync("hidden", new Regex(".*"));
            await Expect(page.Page.GetByTestId("signin-hint")).ToBeVisibleAsync();
            await Expect(page.Annotations.Locator("button.edit, button.delete")).ToHaveCountAsync(0);

            // The page's own write, sent by hand: with the page's antiforgery token, so only the role can refuse it.
            var status = await page.Page.EvaluateAsync<int>("""
                async (text) => (await fetch('/api/annotations', {
                    method: 'POST',
                    headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': document.body.dataset.csrf },
                    body: JSON.stringify({ date: '2019-06-05', text }),
                })).status
                """, $"Sneaked in {Guid.NewGuid():N}");

            Assert.Equal(refusal, status);
            Assert.Equal([$"POST {new Uri(app.BaseAddress, "/api/annotations")} answered {refusal}"], page.Errors);
        }

        var after = await anonymousApi.AnnotationsAsync();
        Assert.Equal(before, after);
        Assert.DoesNotContain(after, a => a.Text.StartsWith("Sneaked in", StringComparison.Ordinal));
        Assert.Equal(lastSeq, await anonymousApi.LastSeqAsync());
    }
}
