namespace MarketContext.Web.Features.Prices.Reading;

/// <summary>The evidence in a few plain lines, for the command line.</summary>
public static class ImportEvidenceText
{
    public static IEnumerable<string> Lines(ImportEvidence e)
    {
        var thousands = e.ThousandsSeparator is { } t ? $", thousands '{t}'" : "";
        yield return $"read as: {e.Producer}, {e.Encoding}, delimiter '{e.Delimiter}', decimal '{e.DecimalSeparator}'{thousands}, "
            + $"dates {e.DateFormat} ({e.DateOrder}) from \"{e.DateColumn}\", close \"{e.CloseColumn}\""
            + (e.AdjCloseColumn is { } adjusted ? $", adjusted close \"{adjusted}\"" : "");
        var skipped = new List<string>();
        if (e.PreambleLines.Count > 0)
        {
            skipped.Add(Range(e.PreambleLines.Count == 1 ? "preamble line" : "preamble lines", e.PreambleLines));
        }
        if (e.HeaderLines.Count > 1)
        {
            skipped.Add(Range("header lines", e.HeaderLines));
        }
        if (e.FooterLines.Count > 0)
        {
            skipped.Add(Range(e.FooterLines.Count == 1 ? "footer line" : "footer lines", e.FooterLines));
        }
        if (e.CommentLines > 0)
        {
            skipped.Add($"{e.CommentLines} comment line(s)");
        }
        if (skipped.Count > 0)
        {
            yield return "skipped: " + string.Join("; ", skipped);
        }
        if (e.ShortRows > 0)
        {
            yield return $"{e.ShortRows} row(s) end before the last columns; those fields are empty";
        }
        if (e.Overridden.Count > 0)
        {
            yield return "as chosen: " + string.Join(", ", e.Overridden);
        }
    }

    private static string Range(string what, IReadOnlyList<int> lines) =>
        lines.Count > 1 && lines[^1] - lines[0] == lines.Count - 1 ? $"{what} {lines[0]}-{lines[^1]}" : $"{what} {string.Join(", ", lines)}";
}
