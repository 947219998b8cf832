namespace MarketContext.Web.Features.Prices.Reading;

/// <summary>
/// What a user may tell the importer when a file's evidence is not enough, or to overrule it: the date order,
/// the decimal separator, and which columns hold the date, the close and the adjusted close (a header name as
/// written, or a 1-based column number). The same on the command line, as query parameters and on the Import page.
/// </summary>
public sealed record ImportOverrides(DateOrder? DateOrder = null, string? DateFormat = null, byte? Decimal = null,
    string? DateColumn = null, string? CloseColumn = null, string? AdjCloseColumn = null)
{
    public static readonly ImportOverrides None = new();

    /// <summary>The names, as the command line spells them (<c>--date-format</c>); query parameters use the camel-case form (<c>dateFormat</c>).</summary>
    public static readonly IReadOnlyList<(string Option, string Query)> Names =
    [
        ("--date-format", "dateFormat"), ("--decimal", "decimal"), ("--date-column", "dateColumn"),
        ("--close-column", "closeColumn"), ("--adj-close-column", "adjCloseColumn"),
    ];

    public bool IsEmpty => this == None;

    /// <summary>
    /// Parses the values by their query name; answers null and an error message for the first bad value. Date formats:
    /// <c>dmy</c>, <c>mdy</c>, <c>ymd</c> or a pattern such as <c>dd/MM/yyyy</c>; decimal: <c>.</c> or <c>,</c> (or <c>point</c>, <c>comma</c>).
    /// </summary>
    public static ImportOverrides? Parse(Func<string, string?> value, out string? error)
    {
        error = null;
        DateOrder? order = null;
        var dateFormat = Clean(value("dateFormat"));
        if (dateFormat is not null)
        {
            order = OrderOf(dateFormat);
            if (order is null)
            {
                error = $"dateFormat \"{dateFormat}\" is not a date format: use dmy, mdy, ymd, or a pattern such as dd/MM/yyyy or MM/dd/yy.";
                return null;
            }
        }
        byte? decimalSeparator = null;
        if (Clean(value("decimal")) is { } separator)
        {
            decimalSeparator = separator.ToLowerInvariant() switch
            {
                "." or "point" or "dot" => (byte)'.',
                "," or "comma" => (byte)',',
                _ => null,
            };
            if (decimalSeparator is null)
            {
                error = $"decimal \"{separator}\" is not a decimal separator: use . (point) or , (comma).";
                return null;
            }
        }
        var overrides = new ImportOverrides(order, dateFormat, decimalSeparator,
            Clean(value("dateColumn")), Clean(value("closeColumn")), Clean(value("adjCloseColumn")));
        foreach (var column in new[] { overrides.DateColumn, overrides.CloseColumn, overrides.AdjCloseColumn })
        {
            if (column is { Length: > 100 })
            {
                error = "A column name is at most 100 characters.";
                return null;
            }
        }
        return overrides.IsEmptyLike() ? None : overrides;
    }

    private bool IsEmptyLike() => DateOrder is null && Decimal is null && DateColumn is null && CloseColumn is null && AdjCloseColumn is null;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOrder? OrderOf(string format)
    {
        switch (format.ToLowerInvariant())
        {
            case "dmy": return Reading.DateOrder.DayFirst;
            case "mdy": return Reading.DateOrder.MonthFirst;
            case "ymd": return Reading.DateOrder.Unknown;
        }
        var day = format.IndexOf('d', StringComparison.Ordinal);
        var month = format.IndexOf('M', StringComparison.Ordinal);
        var year = format.IndexOf('y', StringComparison.Ordinal);
        if (day < 0 || month < 0 || year < 0 || format.Length > 40)
        {
            return null;
        }
        return year < month && year < day ? Reading.DateOrder.Unknown : day < month ? Reading.DateOrder.DayFirst : Reading.DateOrder.MonthFirst;
    }
}
