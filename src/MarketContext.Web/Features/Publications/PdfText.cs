using System.Text;

namespace MarketContext.Web.Features.Publications;

/// <summary>
/// Publisher-written text made fit for one printed page: cleaned of what no font can draw, wrapped to a width, and cut
/// with a visible "…" where it would not fit. Widths come from the caller, measured in the font that draws them.
/// </summary>
public static class PdfText
{
    public const string Ellipsis = "…";

    /// <summary>
    /// The text with control characters as spaces (a line break stays a line break) and broken surrogate halves as
    /// U+FFFD, so nothing reaches the page that would be drawn as nothing, or as half a character.
    /// </summary>
    public static string Clean(string? text, bool keepLineBreaks = true)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                // \r\n is one break; a lone \r is one too.
                clean.Append(keepLineBreaks ? '\n' : ' ');
                i += i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
            }
            else if (c == '\n')
            {
                clean.Append(keepLineBreaks ? '\n' : ' ');
            }
            else if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                clean.Append(' ');
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return clean.ToString().Trim();
    }

    /// <summary>
    /// The text in lines no wider than <paramref name="width"/>, at most <paramref name="maxLines"/> of them; words
    /// wider than a line are broken inside, and text left over ends the last line with "…".
    /// </summary>
    public static IReadOnlyList<string> Wrap(string? text, float width, Func<string, float> measure, int maxLines)
    {
        var lines = new List<string>();
        if (maxLines <= 0)
        {
            return lines;
        }
        foreach (var paragraph in Clean(text).Split('\n'))
        {
            var words = paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                // A blank line between paragraphs, never two in a row.
                if (lines.Count > 0 && lines[^1].Length > 0)
                {
                    lines.Add("");
                }
                continue;
            }
            var line = "";
            foreach (var word in words)
            {
                if (lines.Count > maxLines)
                {
                    break;
                }
                var longer = line.Length == 0 ? word : line + " " + word;
                if (measure(longer) <= width)
                {
                    line = longer;
                    continue;
                }
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
                line = word;
                while (measure(line) > width && lines.Count <= maxLines)
                {
                    var fits = FittingLength(line, width, measure);
                    lines.Add(line[..fits]);
                    line = line[fits..];
                }
            }
            if (line.Length > 0)
            {
                lines.Add(line);
            }
            if (lines.Count > maxLines)
            {
                break;
            }
        }
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        if (lines.Count > maxLines)
        {
            lines.RemoveRange(maxLines, lines.Count - maxLines);
            lines[^1] = Cut(lines[^1], width, measure);
        }
        return lines;
    }

    /// <summary>The text on one line: whole when it fits, else as much as fits followed by "…".</summary>
    public static string Fit(string? text, float width, Func<string, float> measure)
    {
        var line = Clean(text, keepLineBreaks: false);
        return measure(line) <= width ? line : Cut(line, width, measure);
    }

    /// <summary>The line shortened until it and "…" fit, then "…" after it: always marked as cut.</summary>
    private static string Cut(string line, float width, Func<string, float> measure)
    {
        var kept = line;
        while (kept.Length > 0 && measure(kept.TrimEnd() + Ellipsis) > width)
        {
            kept = kept[..Math.Max(0, Math.Min(kept.Length - 1, FittingLength(kept, width, measure)))];
            kept = kept.Length > 0 && char.IsHighSurrogate(kept[^1]) ? kept[..^1] : kept;
        }
        return kept.TrimEnd() + Ellipsis;
    }

    /// <summary>How many leading characters fit the width (at least one character or pair, so that wrapping moves on), found by halving.</summary>
    private static int FittingLength(string text, float width, Func<string, float> measure)
    {
        var (low, high) = (1, text.Length);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (measure(text[..middle]) <= width)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        if (char.IsHighSurrogate(text[low - 1]))
        {
            low = low > 1 ? low - 1 : Math.Min(2, text.Length);
        }
        return low;
    }
}
