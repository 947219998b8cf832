namespace MarketContext.Web.Features.Prices.Reading;

/// <summary>What the sniffer answers: a plan for reading the rows, or a refusal.</summary>
public abstract record SniffResult;

/// <summary>Everything the sniffer decided about a file before its first row is read.</summary>
public sealed record SniffPlan(
    byte Delimiter,
    ColumnMap Columns,
    int HeaderLine,
    int LastHeaderLine,
    IReadOnlyList<int> PreambleLines,
    DateOrder DateOrder,
    string DateFormat,
    NumberFormat[] NumberFormats,
    bool[] Grouped,
    bool OpenQuestion) : SniffResult
{
    public NumberFormat FormatOf(PriceColumn column) => NumberFormats[(int)column];
}

/// <summary>A file refused before its rows: the line and why.</summary>
public sealed record SniffFailure(int Line, string Message) : SniffResult;

/// <summary>
/// The first stage: from the first part of a file (its first 64 KB or more), decides once for the whole file where
/// its header is (after any preamble or comment lines, with any extra header lines), the delimiter, the order of day
/// and month, and for each column its decimal and thousands separators. Decided from evidence, never per value;
/// when the evidence is ambiguous the plan says so (<see cref="SniffPlan.OpenQuestion"/>), and the caller reads
/// further or refuses. Pure: bytes in, a plan or a refusal out.
/// </summary>
public static class FileSniffer
{
    /// <summary>How many lines may come before the header: preamble, comments, blank lines.</summary>
    public const int MaxLinesBeforeHeader = 30;

    private const int MaxHeaderContinuation = 3;

    /// <param name="whole">The prefix is the whole file (else its last, cut-off line is left out).</param>
    /// <param name="final">No more of the file will be read for evidence: refuse rather than leave a question open.</param>
    public static SniffResult Sniff(ReadOnlySpan<byte> prefix, bool whole, bool final, ImportOverrides overrides)
    {
        var lines = new PrefixLines(prefix, whole);
        var preamble = new List<int>();
        int firstLine = 0, seen = 0;
        ColumnMap? columns = null;
        byte delimiter = (byte)',';
        int headerLine = 0, lastHeaderLine = 0;
        string? mappingError = null;
        SniffFailure? chosenColumnMissing = null;
        while (columns is null && lines.Next(out var line, out var number))
        {
            if (Fields.IsBlank(line))
            {
                continue;
            }
            if (firstLine == 0)
            {
                firstLine = number;
                if (TextCheck.NotCsv(line) is { } notCsv)
                {
                    return new SniffFailure(number, notCsv);
                }
            }
            if (++seen > MaxLinesBeforeHeader)
            {
                break;
            }
            if (Fields.IsComment(line))
            {
                preamble.Add(number);
                continue;
            }
            delimiter = Fields.DelimiterOf(line);
            var names = Fields.Texts(line, delimiter);
            // Extra header lines (yfinance: "Ticker,QQQ,…" then "Date,,,"): words, no numbers, right after the header.
            var continuation = new List<string[]>();
            var after = lines;
            while (continuation.Count < MaxHeaderContinuation && after.Next(out var next, out _) && IsHeaderContinuation(next, delimiter))
            {
                continuation.Add(Fields.Texts(next, delimiter));
            }
            columns = HeaderMapping.Map(names, continuation, overrides, out mappingError);
            if (mappingError is not null)
            {
                // A chosen column this line lacks: a preamble line, or the header without it (said if no header follows).
                chosenColumnMissing ??= new SniffFailure(number, mappingError);
            }
            if (columns is null)
            {
                preamble.Add(number);
                continue;
            }
            headerLine = number;
            lastHeaderLine = number;
            if (columns.Producer == "generic" && continuation.Count > 0)
            {
                columns = columns with { Producer = "yfinance" };
            }
            for (var i = 0; i < continuation.Count; i++)
            {
                lines.Next(out _, out lastHeaderLine);
            }
        }
        if (columns is null)
        {
            if (chosenColumnMissing is not null)
            {
                return chosenColumnMissing;
            }
            if (firstLine == 0)
            {
                return new SniffFailure(1, lines.Any ? "The file has only blank lines." : "The file is empty.");
            }
            return new SniffFailure(firstLine, $"Unknown header \"{Preview(lines.TextOf(firstLine, delimiter))}\": no line of the first {MaxLinesBeforeHeader} names a date column and a close column (e.g. Date,Open,High,Low,Close,Adj Close,Volume). Name the columns with dateColumn and closeColumn (--date-column, --close-column).");
        }
        return Decide(lines, delimiter, columns, headerLine, lastHeaderLine, preamble, final, overrides);
    }

    private static SniffResult Decide(PrefixLines lines, byte delimiter, ColumnMap columns, int headerLine, int lastHeaderLine, List<int> preamble, bool final, ImportOverrides overrides)
    {
        var evidence = new NumberEvidence[7];
        Span<(int, int)> fields = stackalloc (int, int)[Math.Min(256, columns.Width + 2)];
        var dateColumn = columns[PriceColumn.Date];
        int maxFirst = 0, maxSecond = 0, yearLast = 0;
        int? dayFirstLine = null, monthFirstLine = null;
        string? sample = null;
        var quoted = false;
        var firstRow = 0;
        var lastRow = 0;
        while (lines.Next(out var line, out var number))
        {
            if (Fields.IsBlank(line) || Fields.IsComment(line))
            {
                continue;
            }
            quoted |= line.Contains((byte)'"');
            var count = Math.Min(Fields.Split(line, delimiter, fields), fields.Length);
            if (dateColumn >= count)
            {
                continue;
            }
            var date = Fields.Unquote(Field(line, fields, dateColumn));
            var shape = DateParser.Inspect(date);
            if (!shape.Valid)
            {
                continue;
            }
            firstRow = firstRow == 0 ? number : firstRow;
            lastRow = number;
            sample ??= System.Text.Encoding.UTF8.GetString(date);
            if (shape.YearLast)
            {
                yearLast++;
                if (shape.First > 12 && maxFirst <= 12)
                {
                    dayFirstLine = number;
                }
                if (shape.Second > 12 && maxSecond <= 12)
                {
                    monthFirstLine = number;
                }
                maxFirst = Math.Max(maxFirst, shape.First);
                maxSecond = Math.Max(maxSecond, shape.Second);
            }
            for (var column = PriceColumn.Open; column <= PriceColumn.Volume; column++)
            {
                if (columns[column] is >= 0 and var index && index < count)
                {
                    evidence[(int)column].Add(Fields.Unquote(Field(line, fields, index)));
                }
            }
        }

        var open = false;
        var order = DateOrder.Unknown;
        if (overrides.DateOrder is { } chosen)
        {
            order = chosen;
        }
        else if (yearLast > 0)
        {
            if (dayFirstLine is { } d && monthFirstLine is { } m)
            {
                return new SniffFailure(Math.Max(d, m), $"The dates disagree: line {d} has a day over 12 first (day/month), line {m} second (month/day). Choose the order with dateFormat=dmy or mdy (--date-format).");
            }
            order = dayFirstLine is not null ? DateOrder.DayFirst : monthFirstLine is not null ? DateOrder.MonthFirst
                // US sites that only ever write month first: their header is the evidence.
                : columns.Producer is "nasdaq" or "barchart" ? DateOrder.MonthFirst : DateOrder.Unknown;
            if (order == DateOrder.Unknown)
            {
                if (!final)
                {
                    open = true;
                }
                else
                {
                    return new SniffFailure(firstRow, $"Every date from line {firstRow} to line {lastRow} has both day and month at most 12 (e.g. \"{sample}\"), so the file does not say whether it is day/month or month/day. Choose with dateFormat=dmy or dateFormat=mdy (--date-format, or the Import page's date order).");
                }
            }
        }

        var formats = new NumberFormat[7];
        var grouped = new bool[7];
        if (overrides.Decimal is { } separator)
        {
            Array.Fill(formats, separator == (byte)',' ? NumberFormat.Comma(true) : NumberFormat.Point(true));
        }
        else
        {
            foreach (var column in new[] { PriceColumn.Open, PriceColumn.High, PriceColumn.Low, PriceColumn.Close, PriceColumn.AdjClose, PriceColumn.Volume })
            {
                if (evidence[(int)column].Conflicts)
                {
                    return new SniffFailure(headerLine, $"Column \"{columns.NameOf(column)}\" writes some numbers with a decimal point and others with a decimal comma. Choose with decimal=. or decimal=, (--decimal).");
                }
            }
            // The file's own verdict: the close's, else the other prices', else the volume's.
            var file = evidence[(int)PriceColumn.Close].Decide()
                ?? new[] { PriceColumn.Open, PriceColumn.High, PriceColumn.Low, PriceColumn.AdjClose }.Select(c => evidence[(int)c].Decide()).FirstOrDefault(f => f is not null)
                ?? evidence[(int)PriceColumn.Volume].Decide();
            // Unquoted fields between commas cannot hold a decimal comma: the delimiter itself is the evidence.
            var prior = file ?? (delimiter == (byte)',' && !quoted ? NumberFormat.Point(true)
                : delimiter == (byte)';' ? NumberFormat.Comma(false) : NumberFormat.Point(false));
            for (var column = PriceColumn.Open; column <= PriceColumn.Volume; column++)
            {
                formats[(int)column] = evidence[(int)column].Decide() ?? prior;
                open |= !formats[(int)column].FromEvidence && evidence[(int)column].Ambiguous > 0 && !final;
                grouped[(int)column] = evidence[(int)column].Grouped > 0;
            }
        }
        var description = sample is null ? "unknown" : DateParser.Describe(System.Text.Encoding.UTF8.GetBytes(sample), order);
        return new SniffPlan(delimiter, columns, headerLine, lastHeaderLine, preamble, order, description, formats, grouped, open);
    }

    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, Span<(int Start, int Length)> fields, int index) =>
        line.Slice(fields[index].Start, fields[index].Length);

    /// <summary>A line after the header that is more header: it starts with a word and holds no number.</summary>
    private static bool IsHeaderContinuation(ReadOnlySpan<byte> line, byte delimiter)
    {
        var texts = Fields.Texts(line, delimiter);
        if (texts.Length < 2 || texts[0].Length == 0 || !char.IsAsciiLetter(texts[0][0]))
        {
            return false;
        }
        return texts.All(t => t.Length == 0 || !t.Any(char.IsAsciiDigit)) && !DateParser.Inspect(System.Text.Encoding.UTF8.GetBytes(texts[0])).Valid;
    }

    private static string Preview(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
