using System.Text.RegularExpressions;

namespace MarketContext.Web.Features.Prices;

/// <summary>Where a listing's currency came from; in JSON and in the database the lower-case name.</summary>
public static class CurrencySources
{
    /// <summary>A listing the app knows by name (ERIC on Nasdaq in USD, ^OMX in SEK).</summary>
    public const string Known = "known";

    /// <summary>The symbol's exchange suffix (<c>.ST</c> → SEK).</summary>
    public const string Symbol = "symbol";

    /// <summary>An FX pair's quote currency (<c>USDSEK=X</c> → SEK per USD).</summary>
    public const string Pair = "pair";

    /// <summary>A symbol without a suffix, taken as a US listing: said so, not hidden.</summary>
    public const string Assumed = "assumed";

    /// <summary>An editor set it.</summary>
    public const string Editor = "editor";

    /// <summary>Nothing says what it is: an editor must set it before anything converts it.</summary>
    public const string Unknown = "unknown";
}

/// <summary>What the symbol alone tells of a listing: exchange (MIC), currency (ISO 4217), company, and why.</summary>
public sealed record ListingDefault(string? Exchange, string? Currency, string? Company, string CurrencySource, bool IsFxPair);

/// <summary>
/// The defaults a series gets when first imported, from its symbol in Yahoo's spelling: the listings the app knows,
/// the exchange suffixes (<c>.ST</c> Stockholm, <c>.HE</c> Helsinki, <c>.DE</c> Xetra), FX pairs (<c>EURUSD=X</c>:
/// priced in the quote currency, on no exchange), and a plain symbol assumed to be a US listing. Anything else
/// gets no exchange and an unknown currency, never a guess.
/// </summary>
public static partial class ListingDefaults
{
    private static readonly Dictionary<string, ListingDefault> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ERIC"] = new("XNAS", "USD", "Ericsson", CurrencySources.Known, false),
        ["NOK"] = new("XNYS", "USD", "Nokia", CurrencySources.Known, false),
        ["QQQ"] = new("XNAS", "USD", null, CurrencySources.Known, false),
        ["ERIC-A.ST"] = new("XSTO", "SEK", "Ericsson", CurrencySources.Known, false),
        ["ERIC-B.ST"] = new("XSTO", "SEK", "Ericsson", CurrencySources.Known, false),
        ["NOKIA.HE"] = new("XHEL", "EUR", "Nokia", CurrencySources.Known, false),
        ["^OMX"] = new("XSTO", "SEK", null, CurrencySources.Known, false),
        ["^OMXH25"] = new("XHEL", "EUR", null, CurrencySources.Known, false),
        ["^STOXX"] = new("XETR", "EUR", null, CurrencySources.Known, false),
        ["^STOXX50E"] = new("XETR", "EUR", null, CurrencySources.Known, false),
        ["^GDAXI"] = new("XETR", "EUR", null, CurrencySources.Known, false),
        ["^FTSE"] = new("XLON", "GBP", null, CurrencySources.Known, false),
        ["^GSPC"] = new("XNYS", "USD", null, CurrencySources.Known, false),
        ["^IXIC"] = new("XNAS", "USD", null, CurrencySources.Known, false),
        ["^NDX"] = new("XNAS", "USD", null, CurrencySources.Known, false),
    };

    private static readonly (string Suffix, string Exchange, string Currency)[] Suffixes =
    [
        (".ST", "XSTO", "SEK"),
        (".HE", "XHEL", "EUR"),
        (".DE", "XETR", "EUR"),
    ];

    [GeneratedRegex("^(?<base>[A-Z]{3})?(?<quote>[A-Z]{3})=X$")]
    private static partial Regex FxPair();

    [GeneratedRegex("^[A-Z][A-Z0-9-]{0,9}$")]
    private static partial Regex PlainSymbol();

    public static ListingDefault For(string symbol)
    {
        var upper = symbol.Trim().ToUpperInvariant();
        if (Known.TryGetValue(upper, out var known))
        {
            return known;
        }
        if (FxPair().Match(upper) is { Success: true } pair)
        {
            return new ListingDefault(null, pair.Groups["quote"].Value, null, CurrencySources.Pair, true);
        }
        foreach (var (suffix, exchange, currency) in Suffixes.Where(s => upper.EndsWith(s.Suffix, StringComparison.Ordinal)))
        {
            return new ListingDefault(exchange, currency, null, CurrencySources.Symbol, false);
        }
        return PlainSymbol().IsMatch(upper)
            ? new ListingDefault("XNYS", "USD", null, CurrencySources.Assumed, false)
            : new ListingDefault(null, null, null, CurrencySources.Unknown, false);
    }

    /// <summary>Why the currency is what it is, in words, for reports and the Import page.</summary>
    public static string Explain(string? currency, string? source) => source switch
    {
        CurrencySources.Known => $"{currency}: a listing the app knows",
        CurrencySources.Symbol => $"{currency}: from the symbol's exchange suffix",
        CurrencySources.Pair => $"{currency}: the FX pair's quote currency",
        CurrencySources.Assumed => $"{currency}: assumed, as for any symbol without an exchange suffix (a US listing); an editor can change it",
        CurrencySources.Editor => $"{currency}: set by an editor",
        _ => "unknown: nothing in the symbol says; an editor must set it",
    };
}
