namespace MarketContext.Web.Features.Prices;

/// <summary>The names the dashboard knows for the symbols it is about; any other symbol is described by its ticker.</summary>
public static class Instruments
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ERIC"] = "Ericsson (ADR)",
        ["NOK"] = "Nokia (ADR)",
        ["QQQ"] = "Invesco QQQ (Nasdaq-100)",
        ["ERIC-B.ST"] = "Ericsson B (Nasdaq Stockholm)",
        ["ERIC-A.ST"] = "Ericsson A (Nasdaq Stockholm)",
        ["NOKIA.HE"] = "Nokia (Nasdaq Helsinki)",
        ["^OMX"] = "OMX Stockholm 30",
        ["^OMXH25"] = "OMX Helsinki 25",
        ["^STOXX"] = "STOXX Europe 600",
        ["^STOXX50E"] = "EURO STOXX 50",
        ["^GDAXI"] = "DAX",
        ["^FTSE"] = "FTSE 100",
        ["EURUSD=X"] = "EUR/USD (USD per EUR)",
        ["USDSEK=X"] = "USD/SEK (SEK per USD)",
    };

    public static Instrument Describe(string symbol)
    {
        var upper = symbol.ToUpperInvariant();
        return new Instrument(upper, Known.GetValueOrDefault(upper, upper), ListingDefaults.For(upper).Currency);
    }

    /// <summary>What a symbol may hold, as the refusals say it.</summary>
    public const string SymbolRule = "letters, digits, '.', '-', '^', '=', at most 15";

    /// <summary>A symbol as Yahoo spells them: <c>ERIC</c>, <c>ERIC-B.ST</c>, <c>^OMX</c>, <c>USDSEK=X</c>.</summary>
    public static bool IsValidSymbol(string? symbol) =>
        !string.IsNullOrEmpty(symbol) && symbol.Length <= 15
        && symbol.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '^' or '_' or '=');
}
