using System.Globalization;

namespace MarketContext.Web.Http;

/// <summary>Cells of every CSV the app writes: quoted when they must be, and never read as a formula by a spreadsheet.</summary>
public static class CsvCells
{
    private static readonly char[] NeedsQuotes = [',', '"', '\n', '\r'];

    /// <summary>
    /// A cell that a spreadsheet would run as a formula (it starts with <c>= + - @</c>, a tab or a carriage return)
    /// gets a leading apostrophe; a plain number such as <c>-1.5</c> is left alone, so the figures stay figures.
    /// </summary>
    public static string Escape(string value)
    {
        var text = IsFormula(value) ? "'" + value : value;
        return text.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static bool IsFormula(string value) =>
        value.Length > 0
        && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
