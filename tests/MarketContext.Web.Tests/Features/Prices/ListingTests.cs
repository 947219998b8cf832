using System.Net;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>
/// Each series knows its exchange, currency (and where that came from) and company: from the symbol when first
/// imported, then as editors set them. Symbols as Yahoo spells them (<c>^OMX</c>, <c>USDSEK=X</c>) are accepted.
/// </summary>
public sealed class ListingTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly HttpClient _editor;

    public ListingTests()
    {
        _factory = MarketContextFactory.In(_folder);
        PriceFixtures.WriteStandardSeries(_factory.PricesDirectory);
        _editor = _factory.Authorize(_factory.CreateClient(), "listing-editor");
    }

    public void Dispose()
    {
        _editor.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    private static string Path(string symbol, string what) => $"/api/series/{Uri.EscapeDataString(symbol)}/{what}";

    private async Task ImportAsync(params string[] symbols)
    {
        foreach (var symbol in symbols)
        {
            (await _editor.PostAsync(Path(symbol, "import"), Api.Csv(PriceFixtures.Yahoo(10, 0.1)))).EnsureSuccessStatusCode();
        }
    }

    private async Task<Dictionary<string, JsonElement>> SeriesAsync() =>
        (await _editor.GetJsonAsync("/api/series")).EnumerateArray().ToDictionary(s => s.Str("symbol")!);

    [Fact]
    public async Task A_first_import_takes_exchange_currency_and_company_from_the_symbol_and_says_where_the_currency_came_from()
    {
        await ImportAsync("ERIC-B.ST", "^OMX", "^OMXH25", "USDSEK=X", "EURUSD=X", "KNEBV.HE", "SAP.DE", "^FTSE", "ABC.PA", "ZZZ");
        var series = await SeriesAsync();

        (string?, string?, string?, string?, string?) Listing(string symbol) =>
            (series[symbol].Str("exchange"), series[symbol].Str("currency"), series[symbol].Str("currencySource"), series[symbol].Str("company"), series[symbol].Str("role"));

        Assert.Equal(("XNAS", "USD", "known", "Ericsson", "vendor"), Listing("ERIC"));
        Assert.Equal(("XSTO", "SEK", "known", "Ericsson", "other"), Listing("ERIC-B.ST"));
        Assert.Equal(("XNYS", "USD", "known", "Nokia", "vendor"), Listing("NOK"));
        Assert.Equal(("XSTO", "SEK", "known", null, "other"), Listing("^OMX"));
        Assert.Equal(("XHEL", "EUR", "known", null, "other"), Listing("^OMXH25"));
        Assert.Equal((null, "SEK", "pair", null, "fx"), Listing("USDSEK=X"));
        Assert.Equal((null, "USD", "pair", null, "fx"), Listing("EURUSD=X"));
        Assert.Equal(("XHEL", "EUR", "symbol", null, "other"), Listing("KNEBV.HE"));
        Assert.Equal(("XETR", "EUR", "symbol", null, "other"), Listing("SAP.DE"));
        Assert.Equal(("XLON", "GBP", "known", null, "other"), Listing("^FTSE"));
        // Nothing says what Paris's currency is to the app: unknown, not a guess.
        Assert.Equal((null, null, "unknown", null, "other"), Listing("ABC.PA"));
        Assert.Equal(("XNYS", "USD", "assumed", null, "other"), Listing("ZZZ"));
        Assert.Equal("OMX Stockholm 30", series["^OMX"].Str("name"));
    }

    [Fact]
    public async Task Editors_change_a_listing_and_the_currency_is_then_the_editors()
    {
        await ImportAsync("ABC.PA");

        var changed = await (await _editor.PutAsync(Path("ABC.PA", "listing"), Api.Json(new { currency = "eur", company = "Alcatel" }))).JsonAsync();
        Assert.Equal("EUR", changed.Str("currency"));
        Assert.Equal("editor", changed.Str("currencySource"));
        Assert.Equal("Alcatel", changed.Str("company"));
        Assert.True(changed.IsNull("exchange"));

        var moved = await (await _editor.PutAsync(Path("ERIC", "listing"), Api.Json(new { exchange = "xnys" }))).JsonAsync();
        Assert.Equal("XNYS", moved.Str("exchange"));
        // The currency was not touched: it keeps its source.
        Assert.Equal("known", moved.Str("currencySource"));
        Assert.Equal("Ericsson", moved.Str("company"));

        var audit = (await _factory.Authorize(_factory.CreateClient(), "listing-admin", "admin").GetJsonAsync("/api/admin/audit")).EnumerateArray();
        Assert.Contains(audit, a => a.Str("action") == "series listing changed" && a.Str("target") == "ERIC");
    }

    [Theory]
    [InlineData("""{"exchange": "XPAR"}""", "exchange")]
    [InlineData("""{"currency": "EURO"}""", "currency")]
    [InlineData("""{"currency": "E1R"}""", "currency")]
    public async Task A_listing_that_means_nothing_is_refused_naming_the_field_and_nothing_changes(string body, string field)
    {
        var response = await _editor.PutAsync(Path("NOK", "listing"), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors(), e => e.Str("field") == field);
        var nok = (await SeriesAsync())["NOK"];
        Assert.Equal(("XNYS", "USD"), (nok.Str("exchange"), nok.Str("currency")));
    }

    [Fact]
    public async Task Only_editors_change_listings_and_only_of_series_that_exist()
    {
        using var anonymous = _factory.CreateClient();
        var refused = await anonymous.PutAsync(Path("NOK", "listing"), Api.Json(new { currency = "EUR" }));
        Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, refused.StatusCode.ToString());
        await (await _editor.PutAsync(Path("NOPE", "listing"), Api.Json(new { currency = "EUR" }))).ProblemAsync(HttpStatusCode.NotFound);
    }
}
