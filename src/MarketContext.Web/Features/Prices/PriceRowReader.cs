using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace MarketContext.Web.Features.Prices;

/// <summary>Line-numbered findings of one file: the first <see cref="PriceCsvReader.MaxListedMessages"/> of each kind, and how many there were.</summary>
public sealed class ImportFindings
{
    private readonly List<ImportMessage> _warnings = [];
    private readonly List<ImportMessage> _errors = [];

    public IReadOnlyList<ImportMessage> Warnings => _warnings;
    public IReadOnlyList<ImportMessage> Errors => _errors;
    public int WarningCount { get; private set; }
    public int ErrorCount { get; private set; }

    public void Warn(int line, string message)
    {
        WarningCount++;
        if (_warnings.Count < PriceCsvReader.MaxListedMessages)
        {
            _warnings.Add(new ImportMessage(line, message));
        }
    }

    public void Error(int line, string message)
    {
        ErrorCount++;
        if (_errors.Count < PriceCsvReader.MaxListedMessages)
        {
            _errors.Add(new ImportMessage(line, message));
        }
    }
}

/// <summary>
/// Streams a price file row by row, straight from its UTF-8 bytes: no string per line or field, so a file of
/// any length is read in a fixed amount of memory (plus one small entry per distinct date, to catch repeats).
/// Pure: bytes in, bars and line-numbered findings out. A file with any error must not be stored; the caller
/// keeps reading to the end anyway so that the refusal lists every problem.
/// The per-row methods are compiled optimized at once: an import is over before tiered compilation would get to them.
/// </summary>
public sealed class PriceRowReader
{
    /// <summary>A line longer than this is not a price row: binary junk or a file with no line breaks.</summary>
    public const int MaxLineBytes = 64 * 1024;

    private const int InitialBufferBytes = 64 * 1024;

    private static readonly string[] SlowDateFormats = ["yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy", "yyyyMMdd", "yyyy/MM/dd", "yyyy-M-d"];

    private enum Column { Date, Open, High, Low, Close, AdjClose, Volume }

    private readonly Stream _stream;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _stopped;
    private long _bytesRead;

    private byte _delimiter = (byte)',';
    private bool _decimalComma;
    private int _fieldCount;
    private (int Start, int Length)[] _fields = [];
    private readonly int[] _columns = [-1, -1, -1, -1, -1, -1, -1];
    private int _headerLine;
    private int _dataRows;
    private int _bars;
    private readonly Dictionary<int, (int Line, ulong Hash)> _seen = [];

    private PriceRowReader(Stream stream) => _stream = stream;

    public ImportFindings Findings { get; } = new();

    /// <summary><c>yahoo</c>, <c>stooq</c>, <c>nasdaq</c>, <c>generic</c>, or <c>unknown</c> when the header was refused.</summary>
    public string Format { get; private set; } = "unknown";

    /// <summary>The line the last row read came from (1-based, counting blank lines).</summary>
    public int Line { get; private set; }

    /// <summary>Bytes taken from the stream so far: progress against the file's length.</summary>
    public long BytesRead => _bytesRead;

    /// <summary>Bars handed out so far: distinct dates with a usable close.</summary>
    public int Bars => _bars;

    public bool HasErrors => Findings.ErrorCount > 0;

    /// <summary>Reads up to the header and recognises the format; a file refused at its header has an error already and yields no rows.</summary>
    public static PriceRowReader Open(Stream stream)
    {
        var reader = new PriceRowReader(stream);
        reader.ReadHeader();
        return reader;
    }

    /// <summary>The next row with a usable close and a date not seen before; false at the end of the file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead([NotNullWhen(true)] out PriceBar? bar)
    {
        while (!_stopped && NextLine(out var line))
        {
            if (IsBlank(line))
            {
                continue;
            }
            _dataRows++;
            if (line.Contains((byte)0))
            {
                Stop(Line, "The file contains binary data, not text.");
                break;
            }
            if (ReadRow(line) is { } read)
            {
                _bars++;
                bar = read;
                return true;
            }
        }
        Finish();
        bar = null;
        return false;
    }

    private bool _finished;

    private void Finish()
    {
        if (_finished)
        {
            return;
        }
        _finished = true;
        if (_stopped && Findings.ErrorCount > 0)
        {
            return;
        }
        if (_dataRows == 0)
        {
            Findings.Error(_headerLine, "The file has a header but no price rows.");
        }
        else if (Findings.ErrorCount == 0 && _bars == 0)
        {
            Findings.Error(_headerLine, "No row has a usable close price.");
        }
    }

    private void Stop(int line, string message)
    {
        Findings.Error(line, message);
        _stopped = true;
    }

    private void ReadHeader()
    {
        Fill();
        if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
        {
            _start += 3;
        }
        else if (_end - _start >= 2 && (_buffer[_start], _buffer[_start + 1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            Stop(1, "The file is UTF-16 text; save it as CSV in UTF-8 (\"CSV UTF-8\" in Excel) and import it again.");
            return;
        }

        // Text files never hold control bytes other than tab and line ends; images, archives and
        // spreadsheets do within their first few bytes (their magic numbers).
        foreach (var b in _buffer.AsSpan(_start, Math.Min(_end - _start, 16)))
        {
            if (b is < 0x09 or (> 0x0D and < 0x20) && b != 0x1B)
            {
                Stop(1, NotCsv(_buffer.AsSpan(_start, Math.Min(_end - _start, 16))) ?? "The file contains binary data, not text.");
                return;
            }
        }

        ReadOnlySpan<byte> header;
        do
        {
            if (!NextLine(out header))
            {
                if (!_stopped)
                {
                    Stop(1, "The file is empty.");
                }
                return;
            }
        }
        while (IsBlank(header));
        _headerLine = Line;
        if (NotCsv(header) is { } notCsv)
        {
            Stop(Line, notCsv);
            return;
        }

        var commas = header.Count((byte)',');
        var semicolons = header.Count((byte)';');
        var tabs = header.Count((byte)'\t');
        _delimiter = semicolons > commas && semicolons >= tabs ? (byte)';' : tabs > commas ? (byte)'\t' : (byte)',';
        // Files with ';' between fields come from comma-decimal locales: "12,40" is twelve point four.
        _decimalComma = _delimiter == (byte)';';
        _fields = new (int, int)[Math.Max(8, header.Count(_delimiter) + 2)];
        _fieldCount = Split(header);
        var names = new string[_fieldCount];
        for (var i = 0; i < _fieldCount; i++)
        {
            names[i] = Normalise(Field(header, i));
            if (ColumnOf(names[i]) is { } column && _columns[(int)column] < 0)
            {
                _columns[(int)column] = i;
            }
        }
        if (_columns[(int)Column.Date] < 0 || _columns[(int)Column.Close] < 0)
        {
            Stop(Line, $"Unknown header \"{Text(header, 120)}\": a price file needs a date column and a close column (e.g. Date,Open,High,Low,Close,Adj Close,Volume).");
            return;
        }
        Format = FormatOf(string.Join(',', names));
    }

    private static string? NotCsv(ReadOnlySpan<byte> firstLine)
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
        if (start.Length > 0 && start[0] == (byte)'<')
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PriceBar? ReadRow(ReadOnlySpan<byte> line)
    {
        var count = Split(line);
        if (count < _fieldCount)
        {
            Findings.Error(Line, $"Expected {_fieldCount} fields but found {count}.");
            return null;
        }
        var dateText = Unquote(Field(line, _columns[(int)Column.Date]));
        if (!TryParseDate(dateText, out var date))
        {
            Findings.Error(Line, $"\"{Text(dateText, 40)}\" is not a date (expected YYYY-MM-DD or MM/DD/YYYY).");
            return null;
        }

        var ok = true;
        var open = Number(line, Column.Open, ref ok);
        var high = Number(line, Column.High, ref ok);
        var low = Number(line, Column.Low, ref ok);
        var close = Number(line, Column.Close, ref ok);
        var adjClose = Number(line, Column.AdjClose, ref ok);
        var volume = Number(line, Column.Volume, ref ok);
        if (!ok)
        {
            return null;
        }
        if (close is null)
        {
            // Yahoo writes whole rows of "null" for days it has no quote for.
            Findings.Warn(Line, $"{date:yyyy-MM-dd} has no close price; row skipped.");
            return null;
        }
        if (close <= 0)
        {
            Findings.Error(Line, $"Close {close.Value.ToString(CultureInfo.InvariantCulture)} is not a positive price.");
            return null;
        }

        long? wholeVolume = null;
        if (volume is { } v)
        {
            if (v < 0 || v != Math.Floor(v) || v > long.MaxValue)
            {
                Findings.Warn(Line, $"Volume {v.ToString(CultureInfo.InvariantCulture)} is not a whole non-negative number; stored as empty.");
            }
            else
            {
                wholeVolume = (long)v;
            }
        }
        // Yahoo publishes zero opens and below-zero adjusted closes for 1980s rows; keep the close, drop the field.
        var bar = new PriceBar(date, Positive(open, Column.Open), Positive(high, Column.High), Positive(low, Column.Low), close.Value, Positive(adjClose, Column.AdjClose), wholeVolume);

        // One small entry per date: a repeat is compared by a 64-bit digest of its values, not by keeping every row.
        var hash = Digest(bar);
        if (_seen.TryGetValue(date.DayNumber, out var earlier))
        {
            if (earlier.Hash != hash)
            {
                Findings.Error(Line, $"{date:yyyy-MM-dd} appears again with different values (first on line {earlier.Line}).");
            }
            else
            {
                Findings.Warn(Line, $"{date:yyyy-MM-dd} repeats line {earlier.Line} exactly; kept once.");
            }
            return null;
        }
        _seen.Add(date.DayNumber, (Line, hash));
        return bar;
    }

    private double? Positive(double? value, Column column)
    {
        if (value is > 0 or null)
        {
            return value;
        }
        Findings.Warn(Line, $"{Name(column)} {value.Value.ToString(CultureInfo.InvariantCulture)} is not a usable price; stored as empty.");
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double? Number(ReadOnlySpan<byte> line, Column column, ref bool ok)
    {
        var index = _columns[(int)column];
        if (index < 0)
        {
            return null;
        }
        var text = Unquote(Field(line, index));
        // Nasdaq.com writes "$10.40"; a few exports write "-$1.20".
        var negative = false;
        if (text.Length > 1 && text[0] == (byte)'-' && text[1] == (byte)'$')
        {
            negative = true;
            text = text[2..];
        }
        else if (text.Length > 0 && text[0] == (byte)'$')
        {
            text = text[1..].TrimStart((byte)' ');
        }
        if (text.Length == 0 || text.SequenceEqual("-"u8) || Ascii.EqualsIgnoreCase(text, "null"u8))
        {
            return null;
        }

        double value;
        bool parsed;
        if (_decimalComma && text.Contains((byte)','))
        {
            Span<byte> invariant = stackalloc byte[Math.Min(text.Length, 64)];
            var length = 0;
            foreach (var b in text)
            {
                if (b == (byte)'.' || length == invariant.Length)
                {
                    continue;
                }
                invariant[length++] = b == (byte)',' ? (byte)'.' : b;
            }
            parsed = TryParseShortDecimal(invariant[..length], out value)
                || double.TryParse(invariant[..length], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
        else
        {
            parsed = TryParseShortDecimal(text, out value)
                || double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);
        }
        if (parsed && double.IsFinite(value))
        {
            return negative ? -value : value;
        }
        Findings.Error(Line, $"{Name(column)} \"{Text(text, 40)}\" is not a number.");
        ok = false;
        return null;
    }

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// Plain decimals such as <c>12.345600</c>, the whole of a normal price file, about ten times faster than the
    /// general parser: at most 15 significant digits and 22 decimals make the digits and the power of ten exact
    /// doubles, so one division gives the correctly rounded value, the very double the general parser gives
    /// (Clinger's fast path). Anything else (exponents, thousands separators, long digit strings) answers false.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseShortDecimal(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && s[0] is (byte)'-' or (byte)'+')
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }
        long digits = 0;
        var significant = 0;
        var decimals = -1;
        var any = false;
        for (; i < s.Length; i++)
        {
            var b = s[i];
            if (b == (byte)'.' && decimals < 0)
            {
                decimals = 0;
                continue;
            }
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }
            any = true;
            if (digits != 0 || digit != 0)
            {
                if (++significant > 15)
                {
                    return false;
                }
            }
            digits = digits * 10 + digit;
            if (decimals >= 0 && ++decimals > 22)
            {
                return false;
            }
        }
        if (!any)
        {
            return false;
        }
        value = decimals > 0 ? digits / PowersOfTen[decimals] : digits;
        if (negative)
        {
            value = -value;
        }
        return true;
    }

    /// <summary>ISO and US dates without allocating; anything else goes through the framework's parser.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDate(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        int year, month, day;
        if (s.Length == 10 && s[4] == (byte)'-' && s[7] == (byte)'-')
        {
            if (!Digits(s[..4], out year) || !Digits(s.Slice(5, 2), out month) || !Digits(s.Slice(8, 2), out day))
            {
                return false;
            }
        }
        else if (s.Length == 10 && s[2] == (byte)'/' && s[5] == (byte)'/')
        {
            if (!Digits(s[6..], out year) || !Digits(s[..2], out month) || !Digits(s.Slice(3, 2), out day))
            {
                return false;
            }
        }
        else
        {
            return s.Length is > 0 and <= 32
                && DateOnly.TryParseExact(Encoding.UTF8.GetString(s), SlowDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }
            value = value * 10 + digit;
        }
        return true;
    }

    /// <summary>Splits a line into <see cref="_fields"/>; quotes protect delimiters. Answers the number of fields.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Split(ReadOnlySpan<byte> line)
    {
        var count = 0;
        if (!line.Contains((byte)'"'))
        {
            var start = 0;
            while (true)
            {
                var next = line[start..].IndexOf(_delimiter);
                if (count == _fields.Length)
                {
                    return count + 1 + (next < 0 ? 0 : line[start..].Count(_delimiter));
                }
                if (next < 0)
                {
                    _fields[count++] = (start, line.Length - start);
                    return count;
                }
                _fields[count++] = (start, next);
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
            else if (i == line.Length || (line[i] == _delimiter && !quoted))
            {
                if (count < _fields.Length)
                {
                    _fields[count] = (fieldStart, i - fieldStart);
                }
                count++;
                fieldStart = i + 1;
            }
        }
        return count;
    }

    private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int index) => line.Slice(_fields[index].Start, _fields[index].Length);

    private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> field)
    {
        field = field.Trim(" \t"u8);
        if (field.Length >= 2 && field[0] == (byte)'"' && field[^1] == (byte)'"')
        {
            field = field[1..^1].Trim(" \t"u8);
        }
        return field;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t"u8).IsEmpty;

    /// <summary>The next line without its ending (LF, CRLF or a lone CR); false at the end of the stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool NextLine(out ReadOnlySpan<byte> line)
    {
        var scanned = 0;
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var i = pending[scanned..].IndexOfAny((byte)'\n', (byte)'\r');
            if (i >= 0)
            {
                i += scanned;
                var ending = 1;
                if (pending[i] == (byte)'\r')
                {
                    if (i + 1 == pending.Length && !_endOfStream)
                    {
                        // Is the CR followed by an LF? Read on to see.
                        scanned = i;
                        Fill();
                        continue;
                    }
                    if (i + 1 < pending.Length && pending[i + 1] == (byte)'\n')
                    {
                        ending = 2;
                    }
                }
                line = pending[..i];
                _start += i + ending;
                Line++;
                return true;
            }
            if (_endOfStream)
            {
                line = pending;
                _start = _end;
                if (pending.IsEmpty)
                {
                    return false;
                }
                Line++;
                return true;
            }
            if (pending.Length >= MaxLineBytes)
            {
                line = default;
                Stop(Line + 1, $"Line {Line + 1} is longer than {MaxLineBytes / 1024} KB: this is not a price file.");
                return false;
            }
            scanned = pending.Length;
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        while (_end < _buffer.Length)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
                return;
            }
            _end += read;
            _bytesRead += read;
            if (_end - _start >= InitialBufferBytes / 2)
            {
                return;
            }
        }
    }

    private static Column? ColumnOf(string name) => name switch
    {
        "date" or "day" or "timestamp" or "data" => Column.Date,
        "open" or "otwarcie" => Column.Open,
        "high" or "najwyzszy" => Column.High,
        "low" or "najnizszy" => Column.Low,
        "close" or "closelast" or "last" or "price" or "zamkniecie" => Column.Close,
        "adjclose" or "adjustedclose" => Column.AdjClose,
        "volume" or "vol" or "wolumen" => Column.Volume,
        _ => null,
    };

    private static string FormatOf(string names) => names switch
    {
        "date,open,high,low,close,adjclose,volume" => "yahoo",
        "date,open,high,low,close,volume" or "data,otwarcie,najwyzszy,najnizszy,zamkniecie,wolumen" => "stooq",
        "date,closelast,volume,open,high,low" => "nasdaq",
        _ => "generic",
    };

    private static string Normalise(ReadOnlySpan<byte> name)
    {
        Span<char> letters = stackalloc char[Math.Min(name.Length, 64)];
        var length = 0;
        foreach (var b in name)
        {
            if (length < letters.Length && char.IsAsciiLetter((char)b))
            {
                letters[length++] = char.ToLowerInvariant((char)b);
            }
        }
        return new string(letters[..length]);
    }

    private static string Name(Column column) => column switch
    {
        Column.AdjClose => "Adj Close",
        _ => column.ToString(),
    };

    private static string Text(ReadOnlySpan<byte> bytes, int length)
    {
        var text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, length * 4)]);
        return text.Length <= length ? text : text[..length] + "…";
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
