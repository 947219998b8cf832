namespace MarketContext.Web.Features.Prices.Reading;

/// <summary>
/// What the importer decided about a file and from what: the producer its header names, the delimiter, the
/// separators of its numbers, the order and pattern of its dates, which columns became the close and the adjusted
/// close, and the lines it skipped as preamble, extra header lines, comments or footer.
/// </summary>
public sealed record ImportEvidence(
    string Producer,
    string Encoding,
    string Delimiter,
    string DecimalSeparator,
    string? ThousandsSeparator,
    string DateOrder,
    string DateFormat,
    string DateColumn,
    string CloseColumn,
    string? AdjCloseColumn,
    IReadOnlyList<string> OtherColumns,
    IReadOnlyList<int> PreambleLines,
    IReadOnlyList<int> HeaderLines,
    IReadOnlyList<int> FooterLines,
    int CommentLines,
    int ShortRows,
    IReadOnlyList<string> Overridden)
{
    /// <summary>Each numeric column's separators, e.g. <c>Volume: decimal ',', thousands '.'</c>.</summary>
    public IReadOnlyList<string> Numbers { get; init; } = [];

    public static readonly ImportEvidence Unknown = new("unknown", "utf-8", ",", ".", null, "unknown", "unknown", "", "", null, [], [], [], [], 0, 0, []);
}
