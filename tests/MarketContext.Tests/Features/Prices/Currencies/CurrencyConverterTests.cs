using MarketContext.Web.Features.Prices.Currencies;

namespace MarketContext.Tests.Features.Prices.Currencies;

/// <summary>
/// Conversion with the FX closes of the same day, against values worked out by hand from rows of the real files
/// (closes as they stand in ERIC-B.ST.csv, ERIC.csv, USDSEK=X.csv and EURUSD=X.csv).
/// </summary>
public sealed class CurrencyConverterTests
{
    private static readonly DateOnly Mar16 = new(2020, 3, 16), Mar17 = new(2020, 3, 17);

    // ERIC-B.ST close (SEK) on 2020-03-16 and 2020-03-17.
    private const double EricBMar16 = 63.119998931884766, EricBMar17 = 68.05999755859375;

    // USDSEK=X close (SEK per USD) and EURUSD=X close (USD per EUR) on the same days.
    private const double UsdSekMar16 = 9.689840316772461, UsdSekMar17 = 9.780269622802734;
    private const double EurUsdMar16 = 1.115536093711853, EurUsdMar17 = 1.1163206100463867;

    private static readonly FxRates UsdSek = new([Mar16, Mar17], [UsdSekMar16, UsdSekMar17]);
    private static readonly FxRates EurUsd = new([Mar16, Mar17], [EurUsdMar16, EurUsdMar17]);

    private static Func<string, bool> Stored(params string[] symbols) => s => symbols.Contains(s);

    [Fact]
    public void Stockholm_closes_in_sek_become_usd_divided_by_usdsek_of_the_same_day()
    {
        var route = FxRoute.Find("SEK", "USD", Stored("USDSEK=X"))!;

        var converted = CurrencyConverter.Convert([Mar16, Mar17], [EricBMar16, EricBMar17], route, [UsdSek]);

        Assert.Equal([Mar16, Mar17], converted.Dates);
        Assert.Equal(EricBMar16 / UsdSekMar16, converted.Values[0], 12); // 63.12 SEK / 9.68984 SEK per USD ≈ 6.514039 USD
        Assert.Equal(EricBMar17 / UsdSekMar17, converted.Values[1], 12); // ≈ 6.958908
        Assert.Empty(converted.WithoutRate);
    }

    [Fact]
    public void Adr_closes_in_usd_become_sek_multiplied_by_usdsek()
    {
        // ERIC (Nasdaq, USD) close 2019-05-21: 9.70; USDSEK=X close that day 9.660099983215332.
        var day = new DateOnly(2019, 5, 21);
        var route = FxRoute.Find("USD", "SEK", Stored("USDSEK=X"))!;

        var converted = CurrencyConverter.Convert([day], [9.70], route, [new FxRates([day], [9.660099983215332])]);

        Assert.Equal(9.70 * 9.660099983215332, converted.Values[0], 12); // ≈ 93.702970 SEK
    }

    [Fact]
    public void Sek_to_eur_crosses_through_usd_when_no_pair_joins_them()
    {
        var route = FxRoute.Find("SEK", "EUR", Stored("USDSEK=X", "EURUSD=X"))!;

        Assert.Equal(["USDSEK=X", "EURUSD=X"], route.Legs.Select(l => l.Symbol));
        Assert.Equal("USDSEK=X and EURUSD=X", route.Rates);
        var converted = CurrencyConverter.Convert([Mar16, Mar17], [EricBMar16, EricBMar17], route, [UsdSek, EurUsd]);
        // 63.12 SEK / 9.68984 SEK per USD ≈ 6.514039 USD; / 1.115536 USD per EUR ≈ 5.839380 EUR.
        Assert.Equal(EricBMar16 / UsdSekMar16 / EurUsdMar16, converted.Values[0], 12);
        Assert.Equal(EricBMar17 / UsdSekMar17 / EurUsdMar17, converted.Values[1], 12);
    }

    [Fact]
    public void A_direct_pair_is_found_either_way_round_and_wins_over_a_cross()
    {
        var eurSek = FxRoute.Find("SEK", "EUR", Stored("EURSEK=X", "USDSEK=X", "EURUSD=X"))!;
        Assert.Equal((true, "EURSEK=X"), (eurSek.Legs.Single().Divide, eurSek.Legs.Single().Symbol));

        var sekEur = FxRoute.Find("SEK", "EUR", Stored("SEKEUR=X"))!;
        Assert.Equal((false, "SEKEUR=X"), (sekEur.Legs.Single().Divide, sekEur.Legs.Single().Symbol));

        // Yahoo's short form: SEK=X is SEK per USD.
        var shortForm = FxRoute.Find("SEK", "USD", Stored("SEK=X"))!;
        Assert.Equal((true, "SEK=X"), (shortForm.Legs.Single().Divide, shortForm.Legs.Single().Symbol));

        Assert.Empty(FxRoute.Find("SEK", "SEK", Stored())!.Legs);
    }

    [Fact]
    public void No_route_without_the_pairs_and_the_refusal_names_what_to_import()
    {
        Assert.Null(FxRoute.Find("SEK", "USD", Stored("EURUSD=X")));
        Assert.Null(FxRoute.Find("SEK", "EUR", Stored("USDSEK=X")));

        Assert.Equal("USDSEK=X", FxRoute.Missing("SEK", "USD", Stored()));
        Assert.Equal("EURSEK=X, or EURUSD=X to cross through USD with the stored USDSEK=X", FxRoute.Missing("SEK", "EUR", Stored("USDSEK=X")));
        Assert.Equal("EURSEK=X, or USDSEK=X and EURUSD=X to cross through USD", FxRoute.Missing("SEK", "EUR", Stored()));
    }

    [Fact]
    public void A_day_without_a_rate_is_dropped_and_named_never_filled_from_its_neighbours()
    {
        // USDSEK=X has no row on 2019-05-22, a day ERIC traded (close 10.05); it has 2019-05-21 and 2019-05-23.
        DateOnly[] days = [new(2019, 5, 21), new(2019, 5, 22), new(2019, 5, 23)];
        var rates = new FxRates([days[0], days[2]], [9.660099983215332, 9.630149841308594]);
        var route = FxRoute.Find("USD", "SEK", Stored("USDSEK=X"))!;

        var converted = CurrencyConverter.Convert(days, [9.70, 10.05, 9.72], route, [rates]);

        Assert.Equal([days[0], days[2]], converted.Dates);
        Assert.Equal(9.72 * 9.630149841308594, converted.Values[1], 12); // the 23rd's close at the 23rd's rate, ≈ 93.605056
        Assert.Equal([days[1]], converted.WithoutRate);
        Assert.Equal([days[1]], converted.WithoutRateBetween(days[1], days[2]));
        Assert.Empty(converted.WithoutRateBetween(days[2], days[2]));
    }

    [Fact]
    public void A_cross_drops_a_day_either_leg_lacks_and_a_rate_that_is_no_positive_number()
    {
        var route = FxRoute.Find("SEK", "EUR", Stored("USDSEK=X", "EURUSD=X"))!;
        var eurUsdOnlyMar17 = new FxRates([Mar17], [EurUsdMar17]);
        var usdSekZeroMar17 = new FxRates([Mar16, Mar17], [UsdSekMar16, 0]);

        Assert.Equal([Mar16], CurrencyConverter.Convert([Mar16, Mar17], [EricBMar16, EricBMar17], route, [UsdSek, eurUsdOnlyMar17]).WithoutRate);
        Assert.Equal([Mar17], CurrencyConverter.Convert([Mar16, Mar17], [EricBMar16, EricBMar17], route, [usdSekZeroMar17, EurUsd]).WithoutRate);
    }

    [Theory]
    [InlineData("usd", "USD")]
    [InlineData(" SEK ", "SEK")]
    [InlineData("EUR", "EUR")]
    [InlineData("ABC", null)]
    [InlineData("EURO", null)]
    [InlineData("<b>", null)]
    [InlineData("", null)]
    public void Only_iso_4217_codes_in_use_are_currencies(string text, string? expected) =>
        Assert.Equal(expected, CurrencyCodes.Normalize(text));
}
