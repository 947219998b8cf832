using System.Net;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Http;

public sealed class SecurityHeadersTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/api/series")]
    [InlineData("/healthz")]
    [InlineData("/css/site.css")]
    [InlineData("/api/chart.png?width=400&height=300")]
    [InlineData("/api/annotations/not-a-number")]
    public async Task Every_answer_says_nosniff(string url)
    {
        var response = await app.Client.GetAsync(url);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_picture_opened_on_its_own_may_load_and_run_nothing()
    {
        var response = await app.Client.GetAsync("/api/chart.svg?width=400&height=300");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/api/admin/users")]
    [InlineData("/api/admin/audit")]
    [InlineData("/Admin")]
    public async Task Admin_answers_are_never_stored(string url)
    {
        using var admin = app.Factory.Authorize(app.Factory.CreateClient(new() { AllowAutoRedirect = false }), "hdr-admin", "admin");

        var response = await admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Login")]
    [InlineData("/Events")]
    public async Task Pages_carry_a_content_security_policy_without_inline_script(string page)
    {
        var response = await app.Client.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Matches("script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')?;", policy);
        Assert.DoesNotContain("unsafe-", policy.Replace("style-src-attr 'unsafe-inline'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // A JSON data island is not executed (the browser runs only script types it knows), so it may sit inline; the
        // import map runs by its hash (WebRootTests).
        Assert.DoesNotMatch(@"<script(?![^>]*\b(src=|type=""application/json""|type=""importmap""))[^>]*>", html);
        Assert.DoesNotMatch(@"\son[a-z]+=""", html);
    }

    [Fact]
    public async Task Over_https_the_cookies_are_secure_and_hsts_is_sent_and_over_http_neither()
    {
        app.Factory.TokenFor("hdr-hana", "editor");
        using var https = app.Factory.CreateClient(new() { BaseAddress = new Uri("https://marketcontext.example"), AllowAutoRedirect = false });
        using var http = app.Factory.CreateClient(new() { AllowAutoRedirect = false });

        var secure = await SignInAsync(https);
        var plain = await SignInAsync(http);

        Assert.Contains("max-age=", secure.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.All(secure.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.All(plain.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client) =>
        await client.PostAsync("/Login", BrowserSession.Form(await BrowserSession.FormTokenAsync(client, "/Login"), ("Name", "hdr-hana"), ("Password", "password-of-hdr-hana")));
}
