using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Pages;

/// <summary>A new database with no price folder: the empty dashboard says how to get the default series, online or not.</summary>
public sealed class FirstStartPageTests
{
    [Fact]
    public async Task The_empty_dashboard_names_the_fetch_of_the_configured_series_and_what_to_do_offline()
    {
        using var folder = new TempFolder();
        using var factory = new MarketContextFactory(folder.Combine("new.db"), folder.Combine("no-such-folder"), folder.Combine("keys"),
            new Dictionary<string, string?> { ["MarketContext:Vendors"] = "ERIC,NOK", ["MarketContext:Benchmark"] = "SPY" });
        using var client = factory.CreateClient();

        var page = await client.GetStringAsync("/");

        Assert.Contains("data-testid=\"no-prices\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"first-start\"", page, StringComparison.Ordinal);
        Assert.Contains("MarketContext.Web.dll fetch ERIC NOK SPY</code>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>Offline?</strong>", page, StringComparison.Ordinal);
        // The in-page fetch is an administrator's: a visitor is told about it but gets no button.
        Assert.DoesNotContain("data-testid=\"fetch-defaults\"", page, StringComparison.Ordinal);
    }
}
