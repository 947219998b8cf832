using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Pages;

public sealed class ImportPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Anyone_sees_the_loaded_series_but_only_a_sign_in_hint_instead_of_the_upload()
    {
        using var anonymous = app.Factory.CreateClient();

        var html = await anonymous.GetStringAsync("/Import");

        Assert.Contains("data-testid=\"import-signin-hint\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"import-files\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"refresh-ERIC\"", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-symbol=\"ERIC\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_gets_the_upload_controls_and_a_refresh_button_per_series()
    {
        var html = await app.Client.GetStringAsync("/Import");

        Assert.Contains("data-testid=\"import-files\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"import-submit\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"refresh-NOK\"", html, StringComparison.Ordinal);
        Assert.Contains("data-max-bytes=\"104857600\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("import-signin-hint", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_links_to_the_import_page()
    {
        using var anonymous = app.Factory.CreateClient();

        var html = await anonymous.GetStringAsync("/");

        Assert.Contains("<a href=\"/Import\">Import</a>", html, StringComparison.Ordinal);
    }
}
