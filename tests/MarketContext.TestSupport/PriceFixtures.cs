using System.Globalization;
using System.Text;

namespace MarketContext.TestSupport;

/// <summary>
/// Small Yahoo-format price files written by the tests. Every fixture series has 30 weekday rows from
/// Monday 2020-03-02 to Friday 2020-04-10 (six whole weeks); ERIC's first row has the 1980s quirks,
/// an Open of 0 and a negative Adj Close, so the import stores both as empty.
/// </summary>
public static class PriceFixtures
{
    public const string YahooHeader = "Date,Open,High,Low,Close,Adj Close,Volume";
    public const int Rows = 30;
    public static readonly DateOnly FirstDay = new(2020, 3, 2);
    public static readonly DateOnly LastDay = new(2020, 4, 10);
    public const string First = "2020-03-02";
    public const string Last = "2020-04-10";

    public static IReadOnlyList<DateOnly> Weekdays(DateOnly start, int count)
    {
        var days = new List<DateOnly>();
        for (var d = start; days.Count < count; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                days.Add(d);
            }
        }
        return days;
    }

    /// <summary>Close on row i is <c>start + i·step</c>; open, high and low sit around it, adjusted close just under it.</summary>
    public static string Yahoo(double start, double step, int rows = Rows, DateOnly? from = null, bool quirkyFirstRow = false, bool trailingNewline = false)
    {
        var text = new StringBuilder(YahooHeader);
        var days = Weekdays(from ?? FirstDay, rows);
        for (var i = 0; i < days.Count; i++)
        {
            var close = Math.Round(start + i * step, 4);
            var open = quirkyFirstRow && i == 0 ? 0 : close - 0.05;
            var adjClose = quirkyFirstRow && i == 0 ? -0.25 : Math.Round(close * 0.9, 4);
            text.Append('\n').Append(string.Join(',',
                days[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                F(open), F(close + 0.1), F(close - 0.1), F(close), F(adjClose), (1000 + i).ToString(CultureInfo.InvariantCulture)));
        }
        if (trailingNewline)
        {
            text.Append('\n');
        }
        return text.ToString();
    }

    public static double CloseOf(double start, double step, int row) => Math.Round(start + row * step, 4);

    public static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>ERIC, NOK and QQQ as the start-up import finds them.</summary>
    public static void WriteStandardSeries(string folder)
    {
        File.WriteAllText(Path.Combine(folder, "ERIC.csv"), Yahoo(8, 0.05, quirkyFirstRow: true));
        File.WriteAllText(Path.Combine(folder, "NOK.csv"), Yahoo(4, -0.02, trailingNewline: true));
        File.WriteAllText(Path.Combine(folder, "QQQ.csv"), Yahoo(200, 1));
    }

    /// <summary>
    /// A Yahoo-format file for the pages to draw: every weekday from <paramref name="from"/> (default 2019-01-02) to 2020-06-30, prices
    /// on smooth deterministic waves.
    /// </summary>
    public static void WriteWaves(string folder, string symbol, double basePrice, double phase, DateOnly? from = null)
    {
        var csv = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume\n");
        var i = 0;
        for (var day = from ?? new DateOnly(2019, 1, 2); day <= new DateOnly(2020, 6, 30); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }
            var close = basePrice * (1 + 0.12 * Math.Sin(i / 17.0 + phase) + 0.04 * Math.Sin(i / 4.0) + 0.0006 * i);
            var open = close * (1 + 0.006 * Math.Cos(i / 3.0));
            var high = Math.Max(open, close) * 1.01;
            var low = Math.Min(open, close) * 0.99;
            csv.Append(CultureInfo.InvariantCulture,
                $"{day:yyyy-MM-dd},{open:F4},{high:F4},{low:F4},{close:F4},{close * 0.97:F4},{1_000_000 + 7_919 * i}\n");
            i++;
        }
        File.WriteAllText(Path.Combine(folder, symbol + ".csv"), csv.ToString());
    }

    /// <summary>A Yahoo-format random walk (±2 % a day, all prices the close) over the given days, the same for a seed.</summary>
    public static string RandomWalk(IReadOnlyList<DateOnly> days, double start, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder(YahooHeader + "\n");
        var price = start;
        foreach (var day in days)
        {
            price *= 1 + (random.NextDouble() - 0.5) * 0.04;
            var p = price.ToString("0.0000", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{p},{p},{p},{p},{p},1000\n");
        }
        return csv.ToString();
    }

    /// <summary>The days of <see cref="WriteRandomWalks"/>: 390 weekdays from 2019-01-02.</summary>
    public static IReadOnlyList<DateOnly> RandomWalkDays => Weekdays(new DateOnly(2019, 1, 2), 390);

    /// <summary>QQQ, ERIC and NOK as random walks over <see cref="RandomWalkDays"/>: the event studies' fixture.</summary>
    public static void WriteRandomWalks(string folder)
    {
        var days = RandomWalkDays;
        File.WriteAllText(Path.Combine(folder, "QQQ.csv"), RandomWalk(days, 170, seed: 1));
        File.WriteAllText(Path.Combine(folder, "ERIC.csv"), RandomWalk(days, 9, seed: 2));
        File.WriteAllText(Path.Combine(folder, "NOK.csv"), RandomWalk(days, 4, seed: 3));
    }
}
