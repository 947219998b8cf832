using System.Globalization;
using System.Text;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Web.Tests.Features.Prices.Corpus;

/// <summary>How one corpus file writes its numbers, as a person reading it sees.</summary>
public enum Numbers { English, German }

/// <summary>
/// One corpus file described by hand, after reading it: where its rows are, which column is what, how its dates
/// and numbers are written, how many rows it has and its first and last row (in file order). The rows are then
/// read by <see cref="Rows"/>, a few lines of plain string splitting and exact-format parsing that share nothing
/// with the importer: the importer must agree with it on every row.
/// </summary>
public sealed record CorpusFile(
    string Name, char Delimiter, int SkipLines, int FooterLines, int DateColumn, string[] DateFormats, Numbers Numbers,
    int Close, int Open, int High, int Low, int AdjClose, int Volume,
    int Rows, string FirstDate, double FirstClose, string LastDate, double LastClose, int DatePrefix = 0, bool DottedVolume = false)
{
    public override string ToString() => Name;

    public IReadOnlyList<PriceBar> Expected()
    {
        var lines = File.ReadAllLines(CorpusFolder.File(Name), Encoding.UTF8)
            .Skip(SkipLines).Where(l => l.Trim().Length > 0).ToList();
        lines = lines.Take(lines.Count - FooterLines).ToList();
        var bars = new List<PriceBar>();
        foreach (var line in lines)
        {
            var f = Split(line.TrimStart('\uFEFF'));
            var close = Number(f, Close);
            if (close is null)
            {
                continue; // Yahoo's rows of "null": no quote that day
            }
            var dateText = DatePrefix > 0 ? f[DateColumn][..DatePrefix] : f[DateColumn];
            var date = DateOnly.ParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None);
            bars.Add(new PriceBar(date, Price(f, Open), Price(f, High), Price(f, Low), close.Value, Price(f, AdjClose), Shares(f, Volume)));
        }
        return bars;
    }

    private string[] Split(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == Delimiter && !quoted)
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        fields.Add(current.ToString().Trim());
        return [.. fields];
    }

    private double? Number(string[] fields, int column)
    {
        if (column < 0 || column >= fields.Length || fields[column] is "" or "-" or "null")
        {
            return null;
        }
        var text = fields[column].Replace("$", "", StringComparison.Ordinal);
        text = Numbers == Numbers.German
            ? text.Replace(".", "", StringComparison.Ordinal).Replace(',', '.')
            : text.Replace(",", "", StringComparison.Ordinal);
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The documented rule for prices that are not needed to trust the series: zero or below is stored empty.</summary>
    private double? Price(string[] fields, int column) => Number(fields, column) is { } v && v > 0 ? v : null;

    private long? Shares(string[] fields, int column)
    {
        if (column < 0 || column >= fields.Length || fields[column] is "" or "-")
        {
            return null;
        }
        var text = fields[column];
        var multiplier = text[^1] switch { 'K' => 1e3, 'M' => 1e6, 'B' => 1e9, _ => 1 };
        if (multiplier > 1)
        {
            text = text[..^1];
        }
        // pt-BR Excel writes 13.303.600 and 21.047 for whole numbers of shares: dots between groups of three.
        if (DottedVolume)
        {
            text = text.Replace(".", "", StringComparison.Ordinal);
        }
        var value = Numbers == Numbers.German
            ? double.Parse(text.Replace(".", "", StringComparison.Ordinal).Replace(',', '.'), CultureInfo.InvariantCulture)
            : double.Parse(text, CultureInfo.InvariantCulture);
        return (long)Math.Round(value * multiplier, MidpointRounding.AwayFromZero);
    }

    private static readonly string[] Iso = ["yyyy-MM-dd"];

    /// <summary>The 32 files, each described from its first and last lines (head and tail) and its line count.</summary>
    public static readonly IReadOnlyList<CorpusFile> All =
    [
        // name, delimiter, lines before the rows, footer lines, date column, date formats, numbers,
        // close, open, high, low, adj close, volume, rows, first date, first close, last date, last close
        new("01-yahoo-nulls-NOK.csv", ',', 1, 0, 0, Iso, Numbers.English, 4, 1, 2, 3, 5, 6, 6816, "1994-01-03", 4.617180, "2021-04-28", 4.2),
        new("02-yahoo-pandas-floats-ERIC.csv", ',', 1, 0, 0, Iso, Numbers.English, 4, 1, 2, 3, 5, 6, 4366, "2001-10-08", 19.15, "2019-02-11", 8.89),
        new("03-yahoo-stockholm-ERIC-B.ST.csv", ',', 1, 0, 0, Iso, Numbers.English, 4, 1, 2, 3, 5, 6, 30, "2021-10-07", 102.739998, "2021-11-17", 98.260002),
        new("04-yahoo-excel-mdyy-ERIC.csv", ',', 1, 0, 0, ["M/d/yy"], Numbers.English, 4, 1, 2, 3, 5, 6, 1259, "2014-09-22", 12.98, "2019-09-20", 8.29),
        new("05-pandas-datareader-ERIC.csv", ',', 1, 0, 0, Iso, Numbers.English, 4, 3, 1, 2, 6, 5, 3749, "2006-01-03", 17.844999313354492, "2020-11-20", 12.109999656677246),
        new("06-yfinance-history-tz-QQQ.csv", ',', 1, 0, 0, Iso, Numbers.English, 4, 1, 2, 3, -1, 5, 6503, "1999-03-10", 43.34736633300781, "2025-01-13", 504.32000732421875, DatePrefix: 10),
        new("07-yfinance-multiheader-QQQ.csv", ',', 3, 0, 0, Iso, Numbers.English, 1, 4, 2, 3, -1, 5, 1169, "2021-01-04", 300.89825439453125, "2025-08-28", 577.0800170898438),
        new("08-yfinance-comments-QQQ.csv", ',', 5, 0, 0, Iso, Numbers.English, 1, 4, 2, 3, -1, 5, 1255, "2021-06-02", 323.6092834472656, "2026-06-01", 742.739990234375),
        new("09-date-close-ERIC.csv", ',', 1, 0, 0, Iso, Numbers.English, 1, -1, -1, -1, -1, -1, 11311, "1981-08-24", 0.4245062470436096, "2026-07-13", 11.720000267028809),
        new("10-investing-quoted-QQQ.csv", ',', 1, 0, 0, ["MMM dd, yyyy"], Numbers.English, 1, 2, 3, 4, -1, 5, 2495, "2020-11-27", 299.01, "2011-01-03", 55.08),
        new("11-investing-thousands-DAX.csv", ',', 1, 0, 0, ["MMM dd, yyyy"], Numbers.English, 1, 2, 3, 4, -1, 5, 2512, "2020-11-27", 13335.68, "2011-01-03", 6989.74),
        new("12-investing-mdy-NDX.csv", ',', 1, 0, 0, ["MM/dd/yyyy"], Numbers.English, 1, 2, 3, 4, -1, 5, 1259, "2022-12-30", 10939.76, "2018-01-02", 6511.34),
        new("13-investing-pandas-index-dmy-QQQ.csv", ',', 1, 0, 1, ["dd/MM/yyyy"], Numbers.English, 2, 3, 4, 5, -1, 6, 5000, "2005-01-18", 38.54, "2024-11-22", 505.79),
        new("14-investing-derived-ERIC.csv", ',', 1, 0, 0, Iso, Numbers.English, 1, 2, 3, 4, -1, 5, 9831, "1981-08-24", 0.78, "2021-10-01", 11.17),
        new("15-stooq-pl-ragged-SPX.csv", ',', 1, 0, 0, Iso, Numbers.English, 4, 1, 2, 3, -1, 5, 38905, "1789-05-01", 0.51, "2023-03-17", 3916.64),
        new("16-stooq-pl-WIG20.csv", ',', 1, 0, 0, Iso, Numbers.English, 4, 1, 2, 3, -1, 5, 1000, "2009-05-08", 1847.06, "2013-04-29", 2303.18),
        new("17-stooq-pl-semicolon-DAX.csv", ';', 1, 0, 0, Iso, Numbers.English, 4, 1, 2, 3, -1, 5, 254, "2020-01-02", 13385.93, "2020-12-30", 13718.78),
        new("18-stooq-en-SPY.csv", ',', 1, 0, 0, Iso, Numbers.English, 4, 1, 2, 3, -1, 5, 2839, "2015-01-02", 172.069, "2026-04-17", 710.14),
        new("19-stooq-metastock-AAPL.csv", ',', 1, 0, 2, ["yyyyMMdd"], Numbers.English, 7, 4, 5, 6, -1, 8, 8806, "1984-09-07", 0.10215, "2019-08-16", 51.118),
        new("20-nasdaq-dollar-AAPL.csv", ',', 1, 0, 0, ["MM/dd/yyyy"], Numbers.English, 1, 3, 4, 5, -1, 2, 1257, "2023-11-22", 191.31, "2018-11-26", 43.655),
        new("21-nasdaq-etf-QQQ.csv", ',', 1, 0, 0, ["MM/dd/yyyy"], Numbers.English, 1, 3, 4, 5, -1, 2, 2515, "2025-11-14", 608.86, "2015-11-16", 111.42),
        new("22-nasdaq-index-SPX.csv", ',', 1, 0, 0, ["MM/dd/yyyy"], Numbers.English, 1, 2, 3, 4, -1, -1, 1256, "2025-06-17", 5982.72, "2020-06-18", 3115.34),
        new("23-nasdaq-legacy-TSLA.csv", ',', 1, 0, 0, ["M/d/yyyy"], Numbers.English, 1, 3, 4, 5, -1, 2, 65, "2019-06-05", 196.59, "2019-03-05", 276.54),
        new("24-wsj-2digit-year-SPX.csv", ',', 1, 0, 0, ["MM/dd/yy"], Numbers.English, 4, 1, 2, 3, -1, -1, 10792, "2020-10-16", 3483.81, "1978-01-03", 93.82),
        new("25-barchart-footer-XLK.csv", ',', 1, 1, 0, ["MM/dd/yyyy"], Numbers.English, 4, 1, 2, 3, -1, 7, 5368, "2021-05-04", 135.58, "2000-01-03", 55.44),
        new("26-alphavantage-adjusted-IBM.csv", ',', 1, 0, 0, Iso, Numbers.English, 4, 1, 2, 3, 5, 6, 5309, "2020-12-04", 127.2, "1999-11-01", 96.75),
        new("27-ariva-de-semicolon-DAX.csv", ';', 1, 0, 0, Iso, Numbers.German, 4, 1, 2, 3, -1, 5, 6697, "2016-03-21", 9925.89, "1990-01-02", 1814.38),
        new("28-quantmod-zoo-NOK.csv", ',', 1, 0, 0, Iso, Numbers.English, 4, 1, 2, 3, 6, 5, 4692, "2000-01-03", 46.75, "2018-08-24", 5.58),
        new("29-chart-export-preamble-QQQ.csv", ',', 2, 0, 0, ["M/d/yy"], Numbers.English, 4, 1, 2, 3, -1, 5, 6522, "2000-01-03", 80.1589, "2025-12-05", 625.48),
        new("30-akshare-lowercase-QQQ.csv", ',', 1, 0, 0, Iso, Numbers.English, 4, 1, 2, 3, -1, 5, 3608, "2011-04-26", 58.82, "2025-09-02", 565.62),
        new("31-excel-semicolon-SPX.csv", ';', 1, 0, 0, Iso, Numbers.English, 1, -1, -1, -1, -1, -1, 3674, "1995-05-01", 514.260010, "2009-11-30", 1095.630005),
        new("32-yahoo-excel-ptbr-PETR4.SA.csv", ',', 1, 0, 0, Iso, Numbers.English, 4, 1, 2, 3, 5, 6, 2441, "2010-01-04", 37.32, "2019-12-30", 30.18, DottedVolume: true),
    ];
}
