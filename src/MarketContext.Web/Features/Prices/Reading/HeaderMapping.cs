namespace MarketContext.Web.Features.Prices.Reading;

public enum PriceColumn { Date, Open, High, Low, Close, AdjClose, Volume }

/// <summary>Which field of a row holds each price column (-1: none), and the header names as written.</summary>
public sealed record ColumnMap(int[] Indices, IReadOnlyList<string> Names, string Producer)
{
    public int this[PriceColumn column] => Indices[(int)column];

    public string NameOf(PriceColumn column) => Indices[(int)column] is >= 0 and var i
        ? Names[i] is { Length: > 0 } name ? name : $"column {i + 1} (unnamed)"
        : "";

    public int Width => Names.Count;
}

/// <summary>
/// Maps a header to the price columns by the words producers use: English, Polish (Stooq), German (ariva.de),
/// MetaStock's <c>&lt;CLOSE&gt;</c>, quantmod's <c>NOK.Close</c>, lowercase or not. Pure.
/// </summary>
public static class HeaderMapping
{
    // The lower the rank the better the match: "Close" wins over "Last" and "Price" when a file has several.
    private static readonly Dictionary<string, (PriceColumn Column, int Rank)> Words = new(StringComparer.Ordinal)
    {
        ["date"] = (PriceColumn.Date, 0),
        ["datum"] = (PriceColumn.Date, 0),
        ["data"] = (PriceColumn.Date, 0),
        ["dtyyyymmdd"] = (PriceColumn.Date, 0),
        ["tradedate"] = (PriceColumn.Date, 1),
        ["datetime"] = (PriceColumn.Date, 1),
        ["timestamp"] = (PriceColumn.Date, 2),
        ["time"] = (PriceColumn.Date, 3),
        ["day"] = (PriceColumn.Date, 4),
        ["open"] = (PriceColumn.Open, 0),
        ["otwarcie"] = (PriceColumn.Open, 0),
        ["erster"] = (PriceColumn.Open, 0),
        ["erffnung"] = (PriceColumn.Open, 0),
        ["eroeffnung"] = (PriceColumn.Open, 0),
        ["opening"] = (PriceColumn.Open, 1),
        ["high"] = (PriceColumn.High, 0),
        ["najwyzszy"] = (PriceColumn.High, 0),
        ["hoch"] = (PriceColumn.High, 0),
        ["hchst"] = (PriceColumn.High, 0),
        ["max"] = (PriceColumn.High, 1),
        ["low"] = (PriceColumn.Low, 0),
        ["najnizszy"] = (PriceColumn.Low, 0),
        ["tief"] = (PriceColumn.Low, 0),
        ["tiefst"] = (PriceColumn.Low, 0),
        ["min"] = (PriceColumn.Low, 1),
        ["close"] = (PriceColumn.Close, 0),
        ["zamkniecie"] = (PriceColumn.Close, 0),
        ["schlusskurs"] = (PriceColumn.Close, 0),
        ["schlukurs"] = (PriceColumn.Close, 0),
        ["closelast"] = (PriceColumn.Close, 1),
        ["closeprice"] = (PriceColumn.Close, 1),
        ["schluss"] = (PriceColumn.Close, 1),
        ["last"] = (PriceColumn.Close, 2),
        ["price"] = (PriceColumn.Close, 3),
        ["adjclose"] = (PriceColumn.AdjClose, 0),
        ["adjustedclose"] = (PriceColumn.AdjClose, 0),
        ["adjusted"] = (PriceColumn.AdjClose, 1),
        ["volume"] = (PriceColumn.Volume, 0),
        ["wolumen"] = (PriceColumn.Volume, 0),
        ["volumen"] = (PriceColumn.Volume, 0),
        ["vol"] = (PriceColumn.Volume, 1),
    };

    private static readonly Dictionary<string, string> Producers = new(StringComparer.Ordinal)
    {
        ["date,open,high,low,close,adjclose,volume"] = "yahoo",
        ["date,high,low,open,close,volume,adjclose"] = "pandas-datareader",
        ["date,open,high,low,close,volume,dividends,stocksplits"] = "yfinance",
        ["date,open,high,low,close,volume,dividends,stocksplits,capitalgains"] = "yfinance",
        ["date,close,high,low,open,volume"] = "yfinance",
        ["price,close,high,low,open,volume"] = "yfinance",
        ["price,adjclose,close,high,low,open,volume"] = "yfinance",
        ["date,open,high,low,close,volume"] = "stooq",
        ["data,otwarcie,najwyzszy,najnizszy,zamkniecie,wolumen"] = "stooq",
        ["data,otwarcie,najwyzszy,najnizszy,zamkniecie"] = "stooq",
        ["ticker,per,date,time,open,high,low,close,vol,openint"] = "stooq-metastock",
        ["ticker,per,dtyyyymmdd,time,open,high,low,close,vol,openint"] = "metastock",
        ["date,closelast,volume,open,high,low"] = "nasdaq",
        ["date,closelast,open,high,low"] = "nasdaq",
        ["date,close,volume,open,high,low"] = "nasdaq",
        ["date,price,open,high,low,vol,change"] = "investing",
        [",date,price,open,high,low,vol,change"] = "investing",
        ["date,close,open,high,low,volume,change"] = "investing",
        ["time,open,high,low,last,change,chg,volume"] = "barchart",
        ["timestamp,open,high,low,close,adjustedclose,volume,dividendamount,splitcoefficient"] = "alphavantage",
        ["timestamp,open,high,low,close,volume"] = "alphavantage",
        ["datum,erster,hoch,tief,schlusskurs,volumen"] = "ariva",
        ["datetime,open,high,low,close,volume"] = "chart-export",
        ["date,open,high,low,close,volume,"] = "akshare",
    };

    /// <summary>
    /// The columns of <paramref name="names"/>, or null with the reason when there is no date or no close.
    /// <paramref name="continuation"/> holds the names of extra header lines (yfinance writes <c>Date,,,</c> on its third).
    /// </summary>
    public static ColumnMap? Map(IReadOnlyList<string> names, IReadOnlyList<string[]>? continuation, ImportOverrides overrides, out string? error)
    {
        error = null;
        var quantmod = CommonPrefix(names);
        var words = names.Select(n => Normalise(quantmod is null ? n : StripPrefix(n, quantmod))).ToArray();
        var indices = new[] { -1, -1, -1, -1, -1, -1, -1 };
        var ranks = new int[indices.Length];
        for (var i = 0; i < words.Length; i++)
        {
            if (Words.TryGetValue(words[i], out var match) && (indices[(int)match.Column] < 0 || match.Rank < ranks[(int)match.Column]))
            {
                indices[(int)match.Column] = i;
                ranks[(int)match.Column] = match.Rank;
            }
        }
        // Several columns for one price (MetaStock's <DATE> and <TIME>): the best word won; the others are ignored.
        var producer = Producers.GetValueOrDefault(string.Join(',', words), quantmod is null ? "generic" : "quantmod");
        if (indices[(int)PriceColumn.Date] < 0 && continuation is not null)
        {
            foreach (var (text, i) in continuation.SelectMany(line => line.Take(words.Length).Select((text, i) => (text, i))))
            {
                if (Words.TryGetValue(Normalise(text), out var match) && match.Column == PriceColumn.Date)
                {
                    indices[(int)PriceColumn.Date] = i;
                    if (indices[(int)PriceColumn.Close] == i)
                    {
                        indices[(int)PriceColumn.Close] = -1;
                    }
                }
            }
        }
        // pandas and R write the index unnamed: with no date column named, that first column is the date.
        if (indices[(int)PriceColumn.Date] < 0 && words.Length > 1 && words[0] is "" or "index" or "unnamed")
        {
            indices[(int)PriceColumn.Date] = 0;
        }
        if (!Apply(overrides.DateColumn, PriceColumn.Date, names, indices, out error)
            || !Apply(overrides.CloseColumn, PriceColumn.Close, names, indices, out error)
            || !Apply(overrides.AdjCloseColumn, PriceColumn.AdjClose, names, indices, out error))
        {
            return null;
        }
        if (indices[(int)PriceColumn.Date] < 0 || indices[(int)PriceColumn.Close] < 0)
        {
            return null;
        }
        return new ColumnMap(indices, names, producer);
    }

    private static bool Apply(string? choice, PriceColumn column, IReadOnlyList<string> names, int[] indices, out string? error)
    {
        error = null;
        if (choice is null)
        {
            return true;
        }
        var index = -1;
        for (var i = 0; i < names.Count && index < 0; i++)
        {
            if (string.Equals(names[i].Trim(), choice, StringComparison.OrdinalIgnoreCase))
            {
                index = i;
            }
        }
        if (index < 0 && int.TryParse(choice, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= names.Count)
        {
            index = number - 1;
        }
        if (index < 0)
        {
            error = $"The header has no column \"{choice}\" (columns: {string.Join(", ", names.Select(n => $"\"{n}\""))}); name one as written or give its number.";
            return false;
        }
        // A column chosen for one price is no longer any other.
        for (var i = 0; i < indices.Length; i++)
        {
            if (indices[i] == index)
            {
                indices[i] = -1;
            }
        }
        indices[(int)column] = index;
        return true;
    }

    /// <summary>Letters only, lowercase: "Adj Close" and "adjusted_close" and "&lt;CLOSE&gt;" compare as words.</summary>
    public static string Normalise(string name)
    {
        Span<char> letters = stackalloc char[Math.Min(name.Length, 64)];
        var length = 0;
        foreach (var c in name)
        {
            if (length < letters.Length && char.IsAsciiLetter(c))
            {
                letters[length++] = char.ToLowerInvariant(c);
            }
        }
        return new string(letters[..length]);
    }

    /// <summary>quantmod's <c>NOK.Open,NOK.High,…</c>: every named column starts with the same symbol and a dot.</summary>
    private static string? CommonPrefix(IReadOnlyList<string> names)
    {
        string? prefix = null;
        var named = 0;
        foreach (var name in names)
        {
            if (name.Length == 0)
            {
                continue;
            }
            var dot = name.LastIndexOf('.');
            if (dot <= 0 || dot == name.Length - 1 || name[..dot].Contains(' ', StringComparison.Ordinal))
            {
                return null;
            }
            if (prefix is not null && prefix != name[..(dot + 1)])
            {
                return null;
            }
            prefix = name[..(dot + 1)];
            named++;
        }
        return named >= 2 ? prefix : null;
    }

    private static string StripPrefix(string name, string prefix) => name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
}
