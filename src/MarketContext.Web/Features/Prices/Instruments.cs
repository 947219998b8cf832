namespace MarketContext.Web.Features.Prices;

/// <summary>The names the dashboard knows for the symbols it is about; any other symbol is described by its ticker.</summary>
public static class Instruments
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ERIC"] = "Ericsson (ADR)",
        ["NOK"] = "Nokia (ADR)",
        ["QQQ"] = "Invesco QQQ (Nasdaq-100)",
    };

    public static Instrument Describe(string symbol)
    {
        var upper = symbol.ToUpperInvariant();
        return new Instrument(upper, Known.GetValueOrDefault(upper, upper), "USD");
    }

    public static bool IsValidSymbol(string? symbol) =>
        !string.IsNullOrEmpty(symbol) && symbol.Length <= 15
        && symbol.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '^' or '_');
}
