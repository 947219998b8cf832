using System.Globalization;
using System.Net;
using System.Xml.Linq;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Charts;

/// <summary>
/// The real listings in SEK and USD and the real FX closes, imported through the API from the folders the test
/// script names (never copied): Ericsson B in Stockholm, the ADR, USD/SEK and EUR/USD.
/// </summary>
public sealed class RealListingsFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public RealListingsFixture()
    {
        Factory = MarketContextFactory.In(_folder);
        Client = Factory.Authorize(Factory.CreateClient(), "currency-editor");
        Import("ERIC", "MarketContext__PricesDirectory", "ERIC.csv");
        foreach (var symbol in new[] { "ERIC-B.ST", "USDSEK=X", "EURUSD=X" })
        {
            Import(symbol, "MarketContext__MarketsDirectory", $"{symbol}.csv");
        }
    }

    public MarketContextFactory Factory { get; }

    public HttpClient Client { get; }

    private void Import(string symbol, string folderVariable, string file)
    {
        using var response = Client.PostAsync($"/api/series/{Uri.EscapeDataString(symbol)}/import", Api.Csv(File.ReadAllText(RealData.Real(folderVariable, file)))).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        _folder.Dispose();
    }
}

/// <summary>
/// <c>currency=</c> on the chart routes: values converted with the FX close of the same day (expected values worked out
/// by hand from the files' rows), the caption saying how, missing rate days named, unknown codes and pairs refused.
/// </summary>
public sealed class ChartCurrencyTests(RealListingsFixture app) : IClassFixture<RealListingsFixture>
{
    // ERIC-B.ST.csv 2020-03-16 and 2020-03-17: close and adjusted close (SEK).
    private const double CloseMar16 = 63.119998931884766, AdjMar16 = 62.05875778198242;
    private const double CloseMar17 = 68.05999755859375, AdjMar17 = 66.91570281982422;

    // USDSEK=X.csv closes (SEK per USD) and EURUSD=X.csv closes (USD per EUR) of the same days.
    private const double UsdSekMar16 = 9.689840316772461, UsdSekMar17 = 9.780269622802734;
    private const double EurUsdMar16 = 1.115536093711853;

    private HttpClient Client => app.Client;

    private async Task<Dictionary<string, Dictionary<string, string>>> CsvAsync(string query)
    {
        var lines = (await Client.GetStringAsync($"/api/chart.csv?{query}")).TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(cells => cells[0], cells => header.Zip(cells).ToDictionary(x => x.First, x => x.Second));
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private async Task<string> CaptionAsync(string query) =>
        XDocument.Parse(await Client.GetStringAsync($"/api/chart.svg?{query}")).Root!.Elements().Single(e => e.Name.LocalName == "desc").Value;

    [Fact]
    public async Task Stockholm_prices_in_usd_are_the_sek_closes_over_usdsek_of_the_same_day()
    {
        var rows = await CsvAsync("symbols=ERIC-B.ST&from=2020-03-16&to=2020-03-17&mode=price&currency=USD");

        Assert.Equal(CloseMar16 / UsdSekMar16, Number(rows["2020-03-16"]["ERIC-B.ST"]), 5);
        Assert.Equal(CloseMar17 / UsdSekMar17, Number(rows["2020-03-17"]["ERIC-B.ST"]), 5);
    }

    [Fact]
    public async Task Without_a_currency_each_listing_stays_in_its_own()
    {
        var rows = await CsvAsync("symbols=ERIC-B.ST&from=2020-03-16&to=2020-03-17&mode=price");

        Assert.Equal(CloseMar16, Number(rows["2020-03-16"]["ERIC-B.ST"]), 5);
        Assert.DoesNotContain("converted", await CaptionAsync("symbols=ERIC-B.ST,ERIC&from=2020-03-02&to=2020-04-30"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rebased_view_rebases_after_converting_so_the_fx_move_is_in_it()
    {
        var rows = await CsvAsync("symbols=ERIC-B.ST&from=2020-03-16&to=2020-03-17&currency=USD");

        Assert.Equal(100, Number(rows["2020-03-16"]["ERIC-B.ST"]), 5);
        Assert.Equal(AdjMar17 / UsdSekMar17 / (AdjMar16 / UsdSekMar16) * 100, Number(rows["2020-03-17"]["ERIC-B.ST"]), 4);
    }

    [Fact]
    public async Task Sek_to_eur_crosses_through_usd_and_the_caption_names_both_rates()
    {
        var rows = await CsvAsync("symbols=ERIC-B.ST&from=2020-03-16&to=2020-03-16&mode=price&currency=EUR");
        Assert.Equal(CloseMar16 / UsdSekMar16 / EurUsdMar16, Number(rows["2020-03-16"]["ERIC-B.ST"]), 5);

        var caption = await CaptionAsync("symbols=ERIC-B.ST&from=2020-03-02&to=2020-04-30&currency=EUR");
        Assert.Contains("ERIC-B.ST converted SEK→EUR at USDSEK=X and EURUSD=X closes", caption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_svg_caption_says_which_listing_was_converted_at_which_rate()
    {
        var caption = await CaptionAsync("symbols=ERIC-B.ST,ERIC&from=2020-03-02&to=2020-04-30&currency=USD");

        Assert.Contains("ERIC-B.ST converted SEK→USD at USDSEK=X closes", caption, StringComparison.Ordinal);
        Assert.DoesNotContain("ERIC converted", caption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_the_rate_is_missing_is_dropped_and_named()
    {
        // The ADR traded on 2019-05-22; USDSEK=X.csv has no row that day.
        var caption = await CaptionAsync("symbols=ERIC&from=2019-05-01&to=2019-05-31&currency=SEK");
        Assert.Contains("ERIC converted USD→SEK at USDSEK=X closes; 1 day without a rate dropped (2019-05-22)", caption, StringComparison.Ordinal);

        var rows = await CsvAsync("symbols=ERIC&from=2019-05-21&to=2019-05-23&mode=price&currency=SEK");
        Assert.Equal(["2019-05-21", "2019-05-23"], rows.Keys.Order());
        Assert.Equal(9.70 * 9.660099983215332, Number(rows["2019-05-21"]["ERIC"]), 5);
    }

    [Fact]
    public async Task The_values_say_each_series_currency_and_name_the_days_dropped()
    {
        var series = (await Client.GetJsonAsync("/api/chart/values?symbols=ERIC,ERIC-B.ST&from=2019-05-01&to=2019-07-31&currency=SEK"))
            .GetProperty("series").EnumerateArray().ToDictionary(s => s.Str("symbol")!);

        Assert.Equal(("SEK", "SEK"), (series["ERIC"].Str("currency"), series["ERIC-B.ST"].Str("currency")));
        Assert.Equal("ERIC converted USD→SEK at USDSEK=X closes; 1 day without a rate dropped (2019-05-22)", series["ERIC"].Str("conversion"));
        Assert.Null(series["ERIC-B.ST"].Str("conversion"));
    }

    [Fact]
    public async Task The_event_time_view_converts_and_says_so()
    {
        var caption = await CaptionAsync("view=event-time&eventIds=E16&symbols=ERIC-B.ST,ERIC&currency=USD");
        Assert.Contains("ERIC-B.ST converted SEK→USD at USDSEK=X closes", caption, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("US")]
    [InlineData("<script>")]
    public async Task A_code_that_is_no_currency_is_refused_naming_the_field(string currency)
    {
        var response = await Client.GetAsync($"/api/chart.svg?symbols=ERIC-B.ST&currency={Uri.EscapeDataString(currency)}");
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors(), e => e.Str("field") == "currency");
    }

    [Fact]
    public async Task A_currency_no_stored_pair_reaches_is_refused_naming_the_pair_to_import()
    {
        var response = await Client.GetAsync("/api/chart.png?symbols=ERIC-B.ST&currency=GBP");
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);

        var error = Assert.Single(problem.Errors());
        Assert.Equal("currency", error.Str("field"));
        Assert.Contains("SEK→GBP", error.Str("message"), StringComparison.Ordinal);
        Assert.Contains("GBPUSD=X", error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_currency_is_a_picture_of_its_own()
    {
        var own = await Client.GetAsync("/api/chart.png?symbols=ERIC-B.ST,ERIC&from=2020-03-02&to=2020-04-30");
        var usd = await Client.GetAsync("/api/chart.png?symbols=ERIC-B.ST,ERIC&from=2020-03-02&to=2020-04-30&currency=USD");
        var sek = await Client.GetAsync("/api/chart.png?symbols=ERIC-B.ST,ERIC&from=2020-03-02&to=2020-04-30&currency=SEK");

        Assert.Equal(3, new[] { own, usd, sek }.Select(r => r.Headers.ETag!.Tag).Distinct().Count());
        Assert.NotEqual(await usd.Content.ReadAsByteArrayAsync(), await sek.Content.ReadAsByteArrayAsync());
    }
}
