using System.Globalization;

namespace MarketContext.Web.Features.Prices;

public sealed record PriceFile(string Format, IReadOnlyList<PriceBar> Bars, IReadOnlyList<ImportMessage> Warnings, int WarningCount, IReadOnlyList<ImportMessage> Errors, int ErrorCount)
{
    public bool IsTrusted => ErrorCount == 0;
}

/// <summary>
/// Reads daily price files in the common download formats, recognised by their header:
/// Yahoo Finance, Stooq, Nasdaq.com, and any file with a date and a close column.
/// Pure: text in, bars and line-numbered findings out.
/// </summary>
public static class PriceCsvReader
{
    public const int MaxListedMessages = 100;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy", "yyyyMMdd", "yyyy/MM/dd"];

    /// <summary>Files with ';' between fields come from comma-decimal locales: "12,40" is twelve point four.</summary>
    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    private enum Column { Date, Open, High, Low, Close, AdjClose, Volume }

    public static PriceFile Read(Stream stream) => Read(new StreamReader(stream, detectEncodingFromByteOrderMarks: true));

    public static PriceFile Read(TextReader reader)
    {
        var findings = new Findings();
        var headerLine = reader.ReadLine();
        var headerLineNumber = 1;
        while (headerLine is not null && headerLine.Trim().Length == 0)
        {
            headerLine = reader.ReadLine();
            headerLineNumber++;
        }
        if (headerLine is null)
        {
            return findings.Refuse(1, "The file is empty.");
        }
        headerLine = headerLine.TrimStart('\uFEFF');
        if (LooksLikeNotCsv(headerLine) is { } notCsv)
        {
            return findings.Refuse(headerLineNumber, notCsv);
        }

        var delimiter = headerLine.Count(c => c == ';') > headerLine.Count(c => c == ',') ? ';' : ',';
        var header = Split(headerLine, delimiter).Select(h => h.Trim().Trim('"').Trim()).ToArray();
        var columns = MapColumns(header);
        if (!columns.ContainsKey(Column.Date) || !columns.ContainsKey(Column.Close))
        {
            return findings.Refuse(headerLineNumber, $"Unknown header \"{Truncate(headerLine, 120)}\": a price file needs a date column and a close column (e.g. Date,Open,High,Low,Close,Adj Close,Volume).");
        }
        var format = DetectFormat(header);

        var byDate = new Dictionary<DateOnly, (PriceBar Bar, int Line)>();
        var lineNumber = headerLineNumber;
        var dataRows = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            dataRows++;
            if (line.Contains('\0'))
            {
                return findings.Refuse(lineNumber, "The file contains binary data, not text.");
            }
            var fields = Split(line, delimiter);
            if (fields.Length < header.Length)
            {
                findings.Error(lineNumber, $"Expected {header.Length} fields but found {fields.Length}.");
                continue;
            }
            if (ReadRow(fields, columns, delimiter, lineNumber, findings) is not { } bar)
            {
                continue;
            }
            if (byDate.TryGetValue(bar.Date, out var earlier))
            {
                if (earlier.Bar != bar)
                {
                    findings.Error(lineNumber, $"{bar.Date:yyyy-MM-dd} appears again with different values (first on line {earlier.Line}).");
                }
                else
                {
                    findings.Warn(lineNumber, $"{bar.Date:yyyy-MM-dd} repeats line {earlier.Line} exactly; kept once.");
                }
                continue;
            }
            byDate.Add(bar.Date, (bar, lineNumber));
        }

        if (dataRows == 0)
        {
            return findings.Refuse(1, "The file has a header but no price rows.");
        }
        if (findings.ErrorCount == 0 && byDate.Count == 0)
        {
            findings.Error(1, "No row has a usable close price.");
        }
        var bars = byDate.Values.Select(v => v.Bar).OrderBy(b => b.Date).ToList();
        return findings.Result(format, bars);
    }

    private static PriceBar? ReadRow(string[] fields, Dictionary<Column, int> columns, char delimiter, int line, Findings findings)
    {
        var dateText = fields[columns[Column.Date]].Trim().Trim('"');
        if (!DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            findings.Error(line, $"\"{Truncate(dateText, 40)}\" is not a date (expected YYYY-MM-DD or MM/DD/YYYY).");
            return null;
        }

        var ok = true;
        double? Number(Column column)
        {
            if (!columns.TryGetValue(column, out var index))
            {
                return null;
            }
            var text = fields[index].Trim().Trim('"').Replace("$", "", StringComparison.Ordinal).Trim();
            if (text.Length == 0 || text.Equals("null", StringComparison.OrdinalIgnoreCase) || text == "-")
            {
                return null;
            }
            var numbers = delimiter == ';' && text.Contains(',') ? DecimalComma : NumberFormatInfo.InvariantInfo;
            if (double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, numbers, out var value) && double.IsFinite(value))
            {
                return value;
            }
            findings.Error(line, $"{Name(column)} \"{Truncate(text, 40)}\" is not a number.");
            ok = false;
            return null;
        }

        var open = Number(Column.Open);
        var high = Number(Column.High);
        var low = Number(Column.Low);
        var close = Number(Column.Close);
        var adjClose = Number(Column.AdjClose);
        var volume = Number(Column.Volume);
        if (!ok)
        {
            return null;
        }
        if (close is null)
        {
            // Yahoo writes whole rows of "null" for days it has no quote for.
            findings.Warn(line, $"{date:yyyy-MM-dd} has no close price; row skipped.");
            return null;
        }
        if (close <= 0)
        {
            findings.Error(line, $"Close {close.Value.ToString(CultureInfo.InvariantCulture)} is not a positive price.");
            return null;
        }

        double? Positive(double? value, Column column)
        {
            if (value is > 0 or null)
            {
                return value;
            }
            findings.Warn(line, $"{Name(column)} {value.Value.ToString(CultureInfo.InvariantCulture)} is not a usable price; stored as empty.");
            return null;
        }

        long? wholeVolume = null;
        if (volume is { } v)
        {
            if (v < 0 || v != Math.Floor(v))
            {
                findings.Warn(line, $"Volume {v.ToString(CultureInfo.InvariantCulture)} is not a whole non-negative number; stored as empty.");
            }
            else
            {
                wholeVolume = (long)v;
            }
        }
        // Yahoo publishes zero opens and below-zero adjusted closes for 1980s rows; keep the close, drop the field.
        return new PriceBar(date, Positive(open, Column.Open), Positive(high, Column.High), Positive(low, Column.Low), close.Value, Positive(adjClose, Column.AdjClose), wholeVolume);
    }

    private static string? LooksLikeNotCsv(string firstLine)
    {
        var start = firstLine.TrimStart();
        if (start.StartsWith('<'))
        {
            return "This is an HTML or XML page, not a price file (perhaps an error page saved as .csv).";
        }
        if (start.StartsWith('{') || start.StartsWith('['))
        {
            return "This is JSON, not a CSV price file (perhaps an API error saved as .csv).";
        }
        if (firstLine.Any(c => c == '\0' || (char.IsControl(c) && c != '\t')))
        {
            return "The file contains binary data, not text.";
        }
        return null;
    }

    private static Dictionary<Column, int> MapColumns(string[] header)
    {
        var map = new Dictionary<Column, int>();
        for (var i = 0; i < header.Length; i++)
        {
            Column? column = Normalise(header[i]) switch
            {
                "date" or "day" or "timestamp" => Column.Date,
                "open" => Column.Open,
                "high" => Column.High,
                "low" => Column.Low,
                "close" or "closelast" or "last" or "price" => Column.Close,
                "adjclose" or "adjustedclose" => Column.AdjClose,
                "volume" or "vol" => Column.Volume,
                _ => null,
            };
            if (column is { } c)
            {
                map.TryAdd(c, i);
            }
        }
        return map;
    }

    private static string Normalise(string name) =>
        new(name.ToLowerInvariant().Where(char.IsLetter).ToArray());

    private static string DetectFormat(string[] header)
    {
        var names = string.Join(',', header.Select(Normalise));
        return names switch
        {
            "date,open,high,low,close,adjclose,volume" => "yahoo",
            "date,open,high,low,close,volume" => "stooq",
            "date,closelast,volume,open,high,low" => "nasdaq",
            _ => "generic",
        };
    }

    private static string Name(Column column) => column switch
    {
        Column.AdjClose => "Adj Close",
        _ => column.ToString(),
    };

    private static string[] Split(string line, char delimiter)
    {
        if (!line.Contains('"'))
        {
            return line.Split(delimiter);
        }
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString());
        return [.. fields];
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private sealed class Findings
    {
        private readonly List<ImportMessage> _warnings = [];
        private readonly List<ImportMessage> _errors = [];

        public int WarningCount { get; private set; }
        public int ErrorCount { get; private set; }

        public void Warn(int line, string message)
        {
            WarningCount++;
            if (_warnings.Count < MaxListedMessages)
            {
                _warnings.Add(new ImportMessage(line, message));
            }
        }

        public void Error(int line, string message)
        {
            ErrorCount++;
            if (_errors.Count < MaxListedMessages)
            {
                _errors.Add(new ImportMessage(line, message));
            }
        }

        public PriceFile Refuse(int line, string message)
        {
            Error(line, message);
            return Result("unknown", []);
        }

        public PriceFile Result(string format, IReadOnlyList<PriceBar> bars) =>
            new(format, ErrorCount == 0 ? bars : [], _warnings, WarningCount, _errors, ErrorCount);
    }
}
