using System.Globalization;

namespace MarketContext.Web.Features.Publications;

/// <summary>
/// The study's table on the page: one line per row, columns as wide as their widest cell (narrowed together when the
/// page is too narrow, cells then cut with "…"), numbers right-aligned, and rows that do not fit counted in a last line.
/// </summary>
internal static class PdfTableDrawing
{
    private const float RowHeight = 11;
    private const float CellPadding = 6;
    // The widest cells are looked for in the first rows only: a long table's columns are alike further down.
    private const int RowsMeasured = 200;

    /// <summary>Draws the table from <paramref name="top"/> within <paramref name="height"/>; returns where it ends.</summary>
    public static float Draw(PublicationPdf.Page page, PdfTable table, float top, float height)
    {
        var rowsThatFit = (int)Math.Floor(height / RowHeight) - 1;
        if (rowsThatFit < 1)
        {
            return top;
        }
        var columns = table.Header.Count;
        var cells = table.Rows.Select(row => Enumerable.Range(0, columns).Select(c => c < row.Length ? row[c] : "").ToArray()).ToList();
        var widths = ColumnWidths(page, table.Header, cells, columns);
        var numeric = Enumerable.Range(0, columns)
            .Select(c => cells.Any(row => row[c].Length > 0) && cells.All(row => row[c].Length == 0 || IsNumber(row[c])))
            .ToArray();

        var y = top;
        DrawRow(page, table.Header.ToArray(), widths, numeric, y, page.SmallBold);
        y += RowHeight;
        page.Line(PublicationPdf.Page.Left, y, PublicationPdf.Page.Left + widths.Sum(), y);

        var shown = cells.Count <= rowsThatFit ? cells.Count : rowsThatFit - 1;
        foreach (var row in cells.Take(shown))
        {
            DrawRow(page, row, widths, numeric, y, page.Small);
            y += RowHeight;
        }
        if (shown < cells.Count)
        {
            var more = cells.Count - shown;
            page.Text($"{PdfText.Ellipsis} and {more.ToString(CultureInfo.InvariantCulture)} more {(more == 1 ? "row" : "rows")}",
                page.Small, page.Muted, PublicationPdf.Page.Left, y, RowHeight);
            y += RowHeight;
        }
        return y;
    }

    private static void DrawRow(PublicationPdf.Page page, string[] row, float[] widths, bool[] numeric, float top, SkiaSharp.SKFont font)
    {
        var x = PublicationPdf.Page.Left;
        for (var c = 0; c < widths.Length; c++)
        {
            var text = PdfText.Fit(c < row.Length ? row[c] : "", widths[c] - CellPadding, t => font.MeasureText(t));
            if (numeric[c])
            {
                page.Text(text, font, page.Ink, x + widths[c] - CellPadding, top, RowHeight, alignRight: true);
            }
            else
            {
                page.Text(text, font, page.Ink, x, top, RowHeight);
            }
            x += widths[c];
        }
    }

    /// <summary>
    /// Each column as wide as its widest cell. When together they are wider than the page, the narrow columns keep
    /// their width and the wide ones share what is left equally, so one long column cannot squeeze the others to nothing.
    /// </summary>
    private static float[] ColumnWidths(PublicationPdf.Page page, IReadOnlyList<string> header, List<string[]> cells, int columns)
    {
        var widths = new float[columns];
        for (var c = 0; c < columns; c++)
        {
            var widest = page.SmallBold.MeasureText(PdfText.Clean(header[c], keepLineBreaks: false));
            foreach (var row in cells.Take(RowsMeasured))
            {
                widest = Math.Max(widest, page.Small.MeasureText(PdfText.Clean(row[c], keepLineBreaks: false)));
            }
            widths[c] = widest + CellPadding;
        }
        if (widths.Sum() <= PublicationPdf.Page.Width)
        {
            return widths;
        }
        var wide = Enumerable.Range(0, columns).ToList();
        var left = PublicationPdf.Page.Width;
        while (true)
        {
            var share = left / wide.Count;
            var fitting = wide.Where(c => widths[c] <= share).ToList();
            if (fitting.Count == 0)
            {
                wide.ForEach(c => widths[c] = share);
                return widths;
            }
            left -= fitting.Sum(c => widths[c]);
            wide.RemoveAll(fitting.Contains);
        }
    }

    private static bool IsNumber(string cell)
    {
        var text = cell.Trim().Replace('\u2212', '-').TrimEnd('%', '*');
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }
}
