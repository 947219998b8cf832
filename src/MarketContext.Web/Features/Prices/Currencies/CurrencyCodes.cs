namespace MarketContext.Web.Features.Prices.Currencies;

/// <summary>
/// The ISO 4217 codes of the currencies in use. A list of our own: the app runs with invariant globalization, so
/// the runtime knows no regions to ask, and three letters alone (<c>ABC</c>) are no currency.
/// </summary>
public static class CurrencyCodes
{
    private const string Codes = """
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF
        CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG
        HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA
        MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
        RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX
        USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL
        """;

    public static readonly IReadOnlySet<string> All =
        Codes.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>The code in upper case when it names a currency in use, else null.</summary>
    public static string? Normalize(string? text) =>
        text?.Trim().ToUpperInvariant() is { Length: 3 } code && All.Contains(code) ? code : null;
}
