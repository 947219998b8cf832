using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Auth;

/// <summary>Reads are anonymous; writes need an editor; authors change their own annotations, admins any.</summary>
public sealed class WriteAccessTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly object Note = new { date = "2020-02-13", text = "Racketeering indictment unsealed" };

    private HttpClient As(string name, string role) => app.Factory.Authorize(app.Factory.CreateClient(), name, role);

    private HttpClient Anonymous() => app.Factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task Anyone_reads_but_an_anonymous_write_is_refused_and_stores_nothing()
    {
        using var anonymous = Anonymous();
        var before = (await anonymous.GetJsonAsync("/api/annotations/changes?afterSeq=0")).GetArrayLength();

        var response = await anonymous.PostAsJsonAsync("/api/annotations", Note);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, (await anonymous.GetJsonAsync("/api/annotations/changes?afterSeq=0")).GetArrayLength());
    }

    [Fact]
    public async Task A_viewer_may_not_write_annotations_or_import_prices()
    {
        using var viewer = As("vera", "viewer");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/annotations", Note)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/series/XYZ/import", Api.Csv(PriceFixtures.Yahoo(5, 0.1, rows: 3)))).StatusCode);
    }

    [Fact]
    public async Task An_unknown_token_is_refused()
    {
        using var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "mc_not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/annotations", Note)).StatusCode);
    }

    [Fact]
    public async Task An_editor_may_not_change_another_authors_annotation_but_an_admin_may()
    {
        using var ann = As("ann", "editor");
        using var ben = As("ben", "editor");
        using var admin = As("ada", "admin");
        var id = (await (await ann.PostAsJsonAsync("/api/annotations", Note)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();

        var benEdits = await ben.PutAsJsonAsync($"/api/annotations/{id}", new { date = "2020-02-13", text = "Ben was here" });
        var benDeletes = await ben.DeleteAsync($"/api/annotations/{id}");
        var adminEdits = await admin.PutAsJsonAsync($"/api/annotations/{id}", new { date = "2020-02-14", text = "Moved to the first trading reaction" });

        await benEdits.ProblemAsync(HttpStatusCode.Forbidden);
        await benDeletes.ProblemAsync(HttpStatusCode.Forbidden);
        var edited = await adminEdits.JsonAsync();
        Assert.Equal("ann", edited.Str("author"));
        Assert.Equal("Moved to the first trading reaction", edited.Str("text"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/annotations/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_history_shows_who_changed_what_with_the_state_before_and_after()
    {
        using var ann = As("ann", "editor");
        using var admin = As("ada", "admin");
        var id = (await (await ann.PostAsJsonAsync("/api/annotations", new { date = "2020-01-28", text = "First wording" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await ann.PutAsJsonAsync($"/api/annotations/{id}", new { date = "2020-01-28", text = "Second wording" });
        await admin.DeleteAsync($"/api/annotations/{id}");

        var history = (await Anonymous().GetJsonAsync($"/api/annotations/{id}/history")).EnumerateArray().ToList();

        Assert.Equal(["added", "updated", "deleted"], history.Select(h => h.Str("kind")));
        Assert.Equal(["ann", "ann", "ada"], history.Select(h => h.Str("changedBy")));
        Assert.True(history[0].IsNull("before"));
        Assert.Equal("First wording", history[1].GetProperty("before").Str("text"));
        Assert.Equal("Second wording", history[1].GetProperty("after").Str("text"));
        Assert.Equal("Second wording", history[2].GetProperty("before").Str("text"));
        Assert.True(history[2].IsNull("after"));
    }

    [Fact]
    public async Task A_signed_in_browser_must_send_the_antiforgery_token_with_a_write()
    {
        app.Factory.TokenFor("cora", "editor");
        using var browser = Anonymous();
        var loginPage = await browser.GetStringAsync("/Login");
        var formToken = BrowserSession.FormToken(loginPage);
        var signIn = await browser.PostAsync("/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "cora",
            ["Password"] = "password-of-cora",
            ["__RequestVerificationToken"] = formToken,
        }));
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"{signIn.StatusCode}: {await signIn.Content.ReadAsStringAsync()}");

        var withoutToken = await browser.PostAsJsonAsync("/api/annotations", Note);
        var page = await browser.GetStringAsync("/");
        var csrf = BrowserSession.PageToken(page);
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/api/annotations") { Content = JsonContent.Create(Note) };
        withToken.Headers.Add("X-CSRF-TOKEN", WebUtility.HtmlDecode(csrf));
        var written = await browser.SendAsync(withToken);

        await withoutToken.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("cora", (await written.JsonAsync(HttpStatusCode.Created)).Str("author"));
    }

    [Fact]
    public async Task A_wrong_password_does_not_sign_in()
    {
        app.Factory.TokenFor("dora", "editor");
        using var browser = Anonymous();
        var formToken = BrowserSession.FormToken(await browser.GetStringAsync("/Login"));

        var response = await browser.PostAsync("/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "dora",
            ["Password"] = "not her password",
            ["__RequestVerificationToken"] = formToken,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong name or password", await response.Content.ReadAsStringAsync());
        var me = await browser.GetJsonAsync("/api/me");
        Assert.True(me.IsNull("name"));
    }
}
