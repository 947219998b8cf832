using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MarketContext.Web.Features.Prices.Reading;

/// <summary>Where the importer takes its bars from: a file's reader, or rows a source has already parsed.</summary>
public interface IBarSource
{
    /// <summary>The producer of the rows (<c>yahoo</c>, <c>stooq</c>, …).</summary>
    string Format { get; }

    ImportFindings Findings { get; }

    ImportEvidence Evidence { get; }

    /// <summary>Bytes read so far, for progress; 0 when the rows did not come as a file.</summary>
    long BytesRead { get; }

    bool HasErrors { get; }

    /// <summary>The line of the bar last read (rows a source parsed are numbered from 2, as in its CSV download).</summary>
    int Line { get; }

    /// <summary>The next bar with a usable close and a date not seen before; false at the end.</summary>
    bool TryRead([NotNullWhen(true)] out PriceBar? bar);
}

/// <summary>One day as a source hands it: numbers, not yet judged. A field the source left out is null.</summary>
public sealed record PriceRow(DateOnly Date, double? Open, double? High, double? Low, double? Close, double? AdjClose, double? Volume);

/// <summary>
/// Judges rows that a source has already parsed by the rules a file's rows meet (<see cref="RowRules"/>): no
/// close skips the day with a warning, a close that is not positive refuses it all, an unusable open, high, low,
/// adjusted close or volume is stored empty with a warning, and a date given twice is kept once or refused.
/// Rows are numbered from 2, as they stand under the header of the same days' CSV download.
/// </summary>
public sealed class ParsedRowReader(string format, IReadOnlyList<PriceRow> rows, ImportEvidence evidence) : IBarSource
{
    private const int FirstLine = 2;

    private readonly Dictionary<DateOnly, (int Line, PriceBar Bar)> _seen = [];
    private int _next;
    private bool _finished;

    public string Format => format;

    public ImportFindings Findings { get; } = new();

    public ImportEvidence Evidence => evidence;

    public long BytesRead => 0;

    public int Line => FirstLine + _next - 1;

    public bool HasErrors => Findings.ErrorCount > 0;

    public bool TryRead([NotNullWhen(true)] out PriceBar? bar)
    {
        while (_next < rows.Count)
        {
            var line = FirstLine + _next;
            var row = rows[_next++];
            if (Judge(row, line) is { } judged && IsNew(judged, line))
            {
                bar = judged;
                return true;
            }
        }
        if (!_finished)
        {
            _finished = true;
            if (rows.Count == 0)
            {
                Findings.Error(1, "The answer lists no days.");
            }
            else if (Findings.ErrorCount == 0 && _seen.Count == 0)
            {
                Findings.Error(1, "No row has a usable close price.");
            }
        }
        bar = null;
        return false;
    }

    private PriceBar? Judge(PriceRow row, int line)
    {
        if (row.Close is not { } close)
        {
            Findings.Warn(line, $"{row.Date:yyyy-MM-dd} has no close price; row skipped.");
            return null;
        }
        if (close <= 0)
        {
            Findings.Error(line, $"Close {close.ToString(CultureInfo.InvariantCulture)} is not a positive price.");
            return null;
        }
        return new PriceBar(row.Date, Price(row.Open, PriceColumn.Open, line), Price(row.High, PriceColumn.High, line),
            Price(row.Low, PriceColumn.Low, line), close, Price(row.AdjClose, PriceColumn.AdjClose, line), Volume(row.Volume, line));
    }

    private double? Price(double? value, PriceColumn column, int line)
    {
        if (value is not { } price || price > 0)
        {
            return value;
        }
        Findings.Warn(line, $"{RowRules.Name(column)} {price.ToString(CultureInfo.InvariantCulture)} is not a usable price; stored as empty.");
        return null;
    }

    private long? Volume(double? value, int line) => value is { } volume ? RowRules.WholeVolume(volume, line, Findings) : null;

    private bool IsNew(PriceBar bar, int line)
    {
        if (_seen.TryGetValue(bar.Date, out var earlier))
        {
            if (earlier.Bar != bar)
            {
                Findings.Error(line, $"{bar.Date:yyyy-MM-dd} appears again with different values (first on line {earlier.Line}).");
            }
            else
            {
                Findings.Warn(line, $"{bar.Date:yyyy-MM-dd} repeats line {earlier.Line} exactly; kept once.");
            }
            return false;
        }
        _seen.Add(bar.Date, (line, bar));
        return true;
    }
}
