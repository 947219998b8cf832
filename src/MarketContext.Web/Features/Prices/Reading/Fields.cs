using System.Runtime.CompilerServices;

namespace MarketContext.Web.Features.Prices.Reading;

/// <summary>Splits one line into fields; double quotes protect delimiters. Pure.</summary>
public static class Fields
{
    /// <summary>Fills <paramref name="fields"/> with (start, length) pairs and answers the number of fields, which may exceed its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Split(ReadOnlySpan<byte> line, byte delimiter, Span<(int Start, int Length)> fields)
    {
        var count = 0;
        if (!line.Contains((byte)'"'))
        {
            var start = 0;
            while (true)
            {
                var next = line[start..].IndexOf(delimiter);
                if (count == fields.Length)
                {
                    return count + 1 + (next < 0 ? 0 : line[start..].Count(delimiter));
                }
                if (next < 0)
                {
                    fields[count++] = (start, line.Length - start);
                    return count;
                }
                fields[count++] = (start, next);
                start += next + 1;
            }
        }
        var quoted = false;
        var fieldStart = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (i == line.Length || (line[i] == delimiter && !quoted))
            {
                if (count < fields.Length)
                {
                    fields[count] = (fieldStart, i - fieldStart);
                }
                count++;
                fieldStart = i + 1;
            }
        }
        return count;
    }

    /// <summary>The field without surrounding blanks and quotes.</summary>
    public static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> field)
    {
        field = field.Trim(" \t"u8);
        if (field.Length >= 2 && field[0] == (byte)'"' && field[^1] == (byte)'"')
        {
            field = field[1..^1].Trim(" \t"u8);
        }
        return field;
    }

    /// <summary>Every field of a line as text: for headers and the few lines the sniffer looks at, never for rows.</summary>
    public static string[] Texts(ReadOnlySpan<byte> line, byte delimiter)
    {
        Span<(int, int)> ranges = stackalloc (int, int)[256];
        var count = Math.Min(Split(line, delimiter, ranges), ranges.Length);
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            texts[i] = System.Text.Encoding.UTF8.GetString(Unquote(line.Slice(ranges[i].Item1, ranges[i].Item2)));
        }
        return texts;
    }

    public static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t"u8).IsEmpty;

    /// <summary>Lines starting with <c>#</c>: the comments some exporters write before (or among) the data.</summary>
    public static bool IsComment(ReadOnlySpan<byte> line) => line.TrimStart(" \t"u8) is [(byte)'#', ..];

    /// <summary>The delimiter that splits a header line: the most frequent of comma, semicolon, tab and bar outside quotes.</summary>
    public static byte DelimiterOf(ReadOnlySpan<byte> line)
    {
        int commas = 0, semicolons = 0, tabs = 0, bars = 0;
        var quoted = false;
        foreach (var b in line)
        {
            switch (b)
            {
                case (byte)'"': quoted = !quoted; break;
                case (byte)',' when !quoted: commas++; break;
                case (byte)';' when !quoted: semicolons++; break;
                case (byte)'\t' when !quoted: tabs++; break;
                case (byte)'|' when !quoted: bars++; break;
            }
        }
        var best = Math.Max(Math.Max(commas, semicolons), Math.Max(tabs, bars));
        return best == 0 || best == commas ? (byte)',' : best == semicolons ? (byte)';' : best == tabs ? (byte)'\t' : (byte)'|';
    }
}
