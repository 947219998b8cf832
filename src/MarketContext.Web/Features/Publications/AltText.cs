using System.Globalization;

namespace MarketContext.Web.Features.Publications;

/// <summary>
/// The alternative text of a published picture when the publisher wrote none: what it shows in plain words, with its
/// numbers, for a reader who cannot see it. Pure: the figures in, one sentence or two out.
/// </summary>
public static class AltText
{
    /// <summary>A series of a time chart: its name, and its first and last value in the range shown.</summary>
    public sealed record SeriesChange(string Symbol, string Name, double First, double Last);

    /// <summary>e.g. "Ericsson (ERIC) fell 12.3% and Nokia (NOK) rose 4.0% from 2019-01-02 to 2020-06-30 (daily adjusted close)."</summary>
    public static string ForChart(IReadOnlyList<SeriesChange> series, DateOnly from, DateOnly to, string basis)
    {
        if (series.Count == 0)
        {
            return $"A chart with no prices from {Day(from)} to {Day(to)}.";
        }
        var moves = series.Select(s => $"{Named(s.Symbol, s.Name)} {Move(s.First, s.Last)}");
        return $"{Joined([.. moves])} from {Day(from)} to {Day(to)} (daily {basis}).";
    }

    /// <summary>e.g. "Ericsson (ERIC) and Nokia (NOK) in event time: 10 trading days either side of day 0 of E11 Vodafone HU 5G and E25 UK decision."</summary>
    public static string ForEventTime(IReadOnlyList<(string Symbol, string Name)> series, IReadOnlyList<string> events, int window, bool average)
    {
        var names = series.Count == 0 ? "No prices" : Joined([.. series.Select(s => Named(s.Symbol, s.Name))]);
        var how = average ? ", each line the average path over the events" : "";
        return $"{names} in event time: {Count(window)} trading days either side of day 0 of {Joined(events)}{how}.";
    }

    /// <summary>
    /// e.g. "Ericsson (ERIC) fell 3.1% more than the market model predicted over the three trading days around E25 UK
    /// decision (day 0 2020-07-14, p = 0.04)."
    /// </summary>
    public static string ForStudy(string symbol, string name, string eventName, DateOnly day0, int pre, int post, double car, double p)
    {
        var days = pre + post + 1;
        var move = car < 0 ? "fell" : "rose";
        return $"{Named(symbol, name)} {move} {Percent(Math.Abs(car))} more than the market model predicted over the {Count(days)} trading days around {eventName} "
            + $"(day 0 {Day(day0)}, {P(p)}).";
    }

    /// <summary>
    /// e.g. "Across 68 members (ERIC and NOK, all dated events), the pooled cumulative average abnormal return over days −5 to +5
    /// was −1.2% (BMP test, p = 0.03)."
    /// </summary>
    public static string ForAggregate(int members, IReadOnlyList<string> symbols, string events, int pre, int post, double? caar, string? test, double? p)
    {
        var window = $"days {Signed(-pre)} to {Signed(post)}";
        if (caar is not { } value)
        {
            return $"No member of the study across {events} ({Joined(symbols)}) had enough data to be tested over {window}.";
        }
        var significance = p is { } pValue ? $" ({test} test, {P(pValue)})" : "";
        return $"Across {members.ToString(CultureInfo.InvariantCulture)} {(members == 1 ? "member" : "members")} ({Joined(symbols)}, {events}), "
            + $"the pooled cumulative average abnormal return over {window} was {SignedPercent(value)}{significance}.";
    }

    private static string Move(double first, double last)
    {
        if (first == 0 || !double.IsFinite(last / first))
        {
            return "has no change to tell";
        }
        var change = last / first - 1;
        return Math.Abs(change) < 0.0005 ? "was unchanged" : $"{(change < 0 ? "fell" : "rose")} {Percent(Math.Abs(change))}";
    }

    private static string Named(string symbol, string name) =>
        string.IsNullOrWhiteSpace(name) || string.Equals(name, symbol, StringComparison.OrdinalIgnoreCase) ? symbol : $"{name} ({symbol})";

    private static string Joined(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };

    private static readonly string[] Words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    private static string Count(int n) => n >= 0 && n < Words.Length ? Words[n] : n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal: 0.031 → 3.1%.</summary>
    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string SignedPercent(double fraction) => (fraction < 0 ? "−" : "+") + Percent(Math.Abs(fraction));

    private static string Signed(int day) => day < 0 ? $"−{-day}" : $"+{day}";

    /// <summary>"p = 0.04", "p = 0.004", "p &lt; 0.001": two significant places at most, never zero.</summary>
    private static string P(double p) => p < 0.001 ? "p < 0.001"
        : p < 0.01 ? "p = " + p.ToString("0.000", CultureInfo.InvariantCulture)
        : "p = " + p.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
