namespace MarketContext.Web.Features.Prices;

/// <summary>The names the dashboard knows for the symbols it is about; any other symbol is described by its ticker.</summary>
public static class Instruments
{
    private static readonly Dictionary<string, (string Name, string Role)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ERIC"] = ("Ericsson (ADR)", "vendor"),
        ["NOK"] = ("Nokia (ADR)", "vendor"),
        ["QQQ"] = ("Invesco QQQ (Nasdaq-100)", "benchmark"),
    };

    public static Instrument Describe(string symbol, string benchmark)
    {
        var upper = symbol.ToUpperInvariant();
        var role = upper == benchmark.ToUpperInvariant() ? "benchmark" : "other";
        return Known.TryGetValue(upper, out var known)
            ? new Instrument(upper, known.Name, "USD", role == "benchmark" ? role : known.Role)
            : new Instrument(upper, upper, "USD", role);
    }

    public static bool IsValidSymbol(string? symbol) =>
        !string.IsNullOrEmpty(symbol) && symbol.Length <= 15
        && symbol.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '^' or '_');
}
