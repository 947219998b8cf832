using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MarketContext.Web.Features.Prices.Reading;

namespace MarketContext.Web.Features.Prices;

/// <summary>
/// Streams a price file row by row through three stages: <see cref="FileSniffer"/> decides once, from the first part
/// of the file, where the header is and how dates and numbers are written; <see cref="HeaderMapping"/> names the
/// columns; <see cref="RowRules"/> turns each line into a bar. No string per line or field, so a file of any length
/// is read in a fixed amount of memory (plus one small entry per distinct date, to catch repeats). A file with any
/// error must not be stored; the caller keeps reading to the end anyway so that the refusal lists every problem.
/// </summary>
public sealed class PriceRowReader : IBarSource
{
    public const int MaxLineBytes = LineSource.MaxLineBytes;

    /// <summary>The sniffer decides from this much of a file, and reads on up to <see cref="MaxSniffBytes"/> while a question is still open.</summary>
    private const int SniffBytes = 64 * 1024;

    private const int MaxSniffBytes = 4 * 1024 * 1024;

    private LineSource _lines;
    private ReplayStream? _transcoded;
    private string _encoding = "utf-8";
    private readonly ImportOverrides _overrides;
    private SniffPlan? _plan;
    private RowPlan? _row;
    private (int Start, int Length)[] _fields = [];
    private bool _byteOrderMark;
    private bool _stopped;
    private bool _finished;
    private int _dataRows;
    private int _comments;
    private int _shortRows;
    private readonly List<(int Line, string Text)> _maybeFooter = [];
    private readonly List<int> _footer = [];
    private readonly Dictionary<int, (int Line, ulong Hash)> _seen = [];

    private readonly Stream _stream;

    private PriceRowReader(Stream stream, ImportOverrides overrides)
    {
        _stream = stream;
        _lines = new LineSource(stream);
        _overrides = overrides;
    }

    public ImportFindings Findings { get; } = new();

    /// <summary>The producer the header names (<c>yahoo</c>, <c>stooq</c>, <c>investing</c>, …, <c>generic</c>), or <c>unknown</c> when the header was refused.</summary>
    public string Format => _plan?.Columns.Producer ?? "unknown";

    /// <summary>The line the last row read came from (1-based, counting blank lines).</summary>
    public int Line => _lines.Line;

    /// <summary>Bytes taken from the stream so far: progress against the file's length.</summary>
    public long BytesRead => _transcoded?.Consumed ?? _lines.BytesRead;

    /// <summary>Bars handed out so far: distinct dates with a usable close.</summary>
    public int Bars { get; private set; }

    public bool HasErrors => Findings.ErrorCount > 0;

    /// <summary>What was decided and from what; complete once the last row has been read.</summary>
    public ImportEvidence Evidence => _plan is { } plan ? Describe(plan) : ImportEvidence.Unknown;

    /// <summary>Sniffs the file and recognises its header; a file refused there has an error already and yields no rows.</summary>
    public static PriceRowReader Open(Stream stream, ImportOverrides? overrides = null)
    {
        var reader = new PriceRowReader(stream, overrides ?? ImportOverrides.None);
        reader.Sniff();
        return reader;
    }

    private void Sniff()
    {
        if (TextCheck.Utf16Of(_lines.Peek(2, out _)) is { } utf16)
        {
            _transcoded = new ReplayStream(_lines.TakeBuffered(), _stream);
            _lines = new LineSource(System.Text.Encoding.CreateTranscodingStream(_transcoded, utf16, System.Text.Encoding.UTF8, leaveOpen: true));
            _encoding = utf16.CodePage == System.Text.Encoding.BigEndianUnicode.CodePage ? "utf-16 big-endian" : "utf-16";
        }
        if (TextCheck.CheckEncoding(_lines.Peek(19, out _), out var byteOrderMark) is { } refused)
        {
            Stop(refused.Line, refused.Message);
            return;
        }
        _byteOrderMark = byteOrderMark > 0 || _transcoded is not null;
        _lines.Skip(byteOrderMark);
        for (var size = SniffBytes; ; size *= 4)
        {
            var prefix = _lines.Peek(size, out var whole);
            switch (FileSniffer.Sniff(prefix, whole, final: whole || size >= MaxSniffBytes, _overrides))
            {
                case SniffFailure failure:
                    Stop(failure.Line, failure.Message);
                    return;
                case SniffPlan plan when plan.OpenQuestion && !whole && size < MaxSniffBytes:
                    continue;
                case SniffPlan plan:
                    _plan = plan;
                    _row = RowPlan.Of(plan);
                    _fields = new (int, int)[Math.Max(8, plan.Columns.Width + 2)];
                    return;
            }
        }
    }

    /// <summary>The next row with a usable close and a date not seen before; false at the end of the file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead([NotNullWhen(true)] out PriceBar? bar)
    {
        while (!_stopped && _lines.NextLine(out var line))
        {
            var number = _lines.Line;
            if (number <= _plan!.LastHeaderLine || Fields.IsBlank(line))
            {
                continue;
            }
            if (Fields.IsComment(line))
            {
                _comments++;
                continue;
            }
            if (line.Contains((byte)0))
            {
                Stop(number, "The file contains binary data, not text.");
                break;
            }
            if (_maybeFooter.Count > 0)
            {
                // More rows follow: what looked like a footer was a bad row.
                foreach (var (footerLine, text) in _maybeFooter)
                {
                    Findings.Error(footerLine, $"\"{text}\" is not a price row (no date).");
                }
                _maybeFooter.Clear();
            }
            _dataRows++;
            switch (RowRules.Read(line, number, _row!, _fields, Findings, out var read, out var shortRow))
            {
                case RowOutcome.NotARow:
                    _dataRows--;
                    _maybeFooter.Add((number, RowRules.Text(line, 60)));
                    continue;
                case RowOutcome.Bar when IsNew(read!, number):
                    // Stooq's old rows stop before the volume column: the missing fields are simply empty.
                    _shortRows += shortRow ? 1 : 0;
                    Bars++;
                    bar = read!;
                    return true;
            }
        }
        if (_lines.Failure is { } failure && !_stopped)
        {
            Stop(_lines.Line + 1, failure);
        }
        Finish();
        bar = null;
        return false;
    }

    /// <summary>One small entry per date: a repeat is compared by a 64-bit digest of its values, not by keeping every row.</summary>
    private bool IsNew(PriceBar bar, int line)
    {
        var hash = Digest(bar);
        if (_seen.TryGetValue(bar.Date.DayNumber, out var earlier))
        {
            if (earlier.Hash != hash)
            {
                Findings.Error(line, $"{bar.Date:yyyy-MM-dd} appears again with different values (first on line {earlier.Line}).");
            }
            else
            {
                Findings.Warn(line, $"{bar.Date:yyyy-MM-dd} repeats line {earlier.Line} exactly; kept once.");
            }
            return false;
        }
        _seen.Add(bar.Date.DayNumber, (line, hash));
        return true;
    }

    private void Finish()
    {
        if (_finished)
        {
            return;
        }
        _finished = true;
        // Lines without a date after the last row: a footer, skipped and reported.
        _footer.AddRange(_maybeFooter.Select(f => f.Line));
        _maybeFooter.Clear();
        if (_stopped && Findings.ErrorCount > 0)
        {
            return;
        }
        if (_dataRows == 0)
        {
            Findings.Error(_plan!.HeaderLine, "The file has a header but no price rows.");
        }
        else if (Findings.ErrorCount == 0 && Bars == 0)
        {
            Findings.Error(_plan!.HeaderLine, "No row has a usable close price.");
        }
    }

    private void Stop(int line, string message)
    {
        Findings.Error(line, message);
        _stopped = true;
    }

    private ImportEvidence Describe(SniffPlan plan)
    {
        var columns = plan.Columns;
        var close = plan.FormatOf(PriceColumn.Close);
        var numbers = new List<string>();
        var mapped = new List<string>();
        for (var column = PriceColumn.Open; column <= PriceColumn.Volume; column++)
        {
            if (columns[column] >= 0 && column != PriceColumn.Close)
            {
                mapped.Add($"{RowRules.Name(column)}: {columns.NameOf(column)}");
            }
        }
        var overridden = new List<string>();
        if (_overrides.DateOrder is not null)
        {
            overridden.Add($"date format {_overrides.DateFormat}");
        }
        if (_overrides.Decimal is { } d)
        {
            overridden.Add($"decimal '{(char)d}'");
        }
        if (_overrides.DateColumn is { } dc)
        {
            overridden.Add($"date column \"{dc}\"");
        }
        if (_overrides.CloseColumn is { } cc)
        {
            overridden.Add($"close column \"{cc}\"");
        }
        if (_overrides.AdjCloseColumn is { } ac)
        {
            overridden.Add($"adjusted close column \"{ac}\"");
        }
        var groupedColumn = new[] { PriceColumn.Close, PriceColumn.Open, PriceColumn.High, PriceColumn.Low, PriceColumn.AdjClose, PriceColumn.Volume }
            .Where(c => plan.Grouped[(int)c]).Select(c => (PriceColumn?)c).FirstOrDefault();
        foreach (var column in Enum.GetValues<PriceColumn>().Where(c => c != PriceColumn.Date && columns[c] >= 0))
        {
            var format = plan.FormatOf(column);
            numbers.Add($"{RowRules.Name(column)}: decimal '{format.DecimalName}'" + (plan.Grouped[(int)column] ? $", thousands '{format.GroupName}'" : ""));
        }
        return new ImportEvidence(
            columns.Producer,
            _byteOrderMark ? $"{_encoding} with byte order mark" : _encoding,
            plan.Delimiter switch { (byte)'\t' => "tab", var b => ((char)b).ToString() },
            close.DecimalName,
            groupedColumn is { } g ? plan.FormatOf(g).GroupName : null,
            plan.DateOrder switch { DateOrder.DayFirst => "day/month", DateOrder.MonthFirst => "month/day", _ => "year first" },
            plan.DateFormat,
            columns.NameOf(PriceColumn.Date),
            columns.NameOf(PriceColumn.Close),
            columns[PriceColumn.AdjClose] >= 0 ? columns.NameOf(PriceColumn.AdjClose) : null,
            mapped,
            plan.PreambleLines,
            [.. Enumerable.Range(plan.HeaderLine, plan.LastHeaderLine - plan.HeaderLine + 1)],
            _footer,
            _comments,
            _shortRows,
            overridden)
        {
            Numbers = numbers,
        };
    }

    private static ulong Digest(PriceBar bar)
    {
        static ulong Mix(ulong hash, ulong value) => (hash ^ value) * 0x100000001B3UL * 0x9E3779B97F4A7C15UL + (hash >> 29);
        static ulong Bits(double? value) => value is { } v ? BitConverter.DoubleToUInt64Bits(v) : 0xFFF8_DEAD_BEEF_0001UL;
        var hash = 0xCBF29CE484222325UL;
        hash = Mix(hash, Bits(bar.Open));
        hash = Mix(hash, Bits(bar.High));
        hash = Mix(hash, Bits(bar.Low));
        hash = Mix(hash, Bits(bar.Close));
        hash = Mix(hash, Bits(bar.AdjClose));
        hash = Mix(hash, bar.Volume is { } v ? (ulong)v : 0xFFF8_DEAD_BEEF_0002UL);
        return hash;
    }
}
