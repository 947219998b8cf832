namespace MarketContext.Web.Features.Prices.Reading;

/// <summary>The sniffer's first look: is this text at all, in which encoding, or a page or archive saved as .csv.</summary>
public static class TextCheck
{
    /// <summary>UTF-16 by its byte order mark (Excel's "Unicode Text"), which the reader transcodes to UTF-8; null for anything else.</summary>
    public static System.Text.Encoding? Utf16Of(ReadOnlySpan<byte> start) => start switch
    {
        [0xFF, 0xFE, ..] => System.Text.Encoding.Unicode,
        [0xFE, 0xFF, ..] => System.Text.Encoding.BigEndianUnicode,
        _ => null,
    };

    /// <summary>The length of a UTF-8 byte order mark at the start, or a refusal for bytes that are not text.</summary>
    public static SniffFailure? CheckEncoding(ReadOnlySpan<byte> start, out int byteOrderMark)
    {
        byteOrderMark = start.StartsWith("\uFEFF"u8) ? 3 : 0;
        // Text files never hold control bytes other than tab and line ends; images, archives and
        // spreadsheets do within their first few bytes (their magic numbers).
        var head = start[byteOrderMark..][..Math.Min(start.Length - byteOrderMark, 16)];
        foreach (var b in head)
        {
            if (b is < 0x09 or (> 0x0D and < 0x20) && b != 0x1B)
            {
                return new SniffFailure(1, NotCsv(head) ?? "The file contains binary data, not text.");
            }
        }
        return null;
    }

    /// <summary>Pages and data that are not CSV at all, told apart by their first line.</summary>
    public static string? NotCsv(ReadOnlySpan<byte> firstLine)
    {
        if (firstLine.StartsWith("PK\u0003\u0004"u8))
        {
            return "This is binary data (a zip archive or an Excel workbook), not CSV text; save the sheet as CSV and import that.";
        }
        if (firstLine.StartsWith("%PDF"u8))
        {
            return "This is binary data (a PDF), not a CSV price file.";
        }
        var start = firstLine.TrimStart(" \t"u8);
        // MetaStock's header is <TICKER>,<PER>,<DATE>,…: a tag followed by a delimiter is a column name, not markup.
        if (start.Length > 0 && start[0] == (byte)'<' && !IsMetaStockTag(start))
        {
            return "This is an HTML or XML page, not a price file (perhaps an error page saved as .csv).";
        }
        if (start.Length > 0 && start[0] is (byte)'{' or (byte)'[')
        {
            return "This is JSON, not a CSV price file (perhaps an API error saved as .csv).";
        }
        foreach (var b in firstLine)
        {
            if (b < 0x20 && b != (byte)'\t' || b == 0x7F)
            {
                return "The file contains binary data, not text.";
            }
        }
        return null;
    }

    private static bool IsMetaStockTag(ReadOnlySpan<byte> line)
    {
        var end = line.IndexOf((byte)'>');
        return end > 1 && line[1..end].IndexOfAnyExceptInRange((byte)'A', (byte)'Z') < 0
            && end + 1 < line.Length && line[end + 1] is (byte)',' or (byte)';' or (byte)'\t';
    }
}
