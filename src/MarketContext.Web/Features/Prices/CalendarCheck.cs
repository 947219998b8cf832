using System.Globalization;
using MarketContext.Web.Features.Calendars;

namespace MarketContext.Web.Features.Prices;

/// <summary>A row dated on a day its exchange was closed: where it is in the file and why the day was closed.</summary>
public sealed record ClosedDayRow(DateOnly Date, int Line, string Reason);

/// <summary>
/// What an import's rows show against the listing's exchange calendar: rows on days the exchange was closed and
/// sessions between the file's first and last day that have no row. Both are stored or left as they are, never
/// silently: the report says how many, the first of each, and, when most missing sessions are another exchange's
/// holidays, which calendar the file seems to follow.
/// </summary>
public sealed record CalendarReport(
    string Exchange,
    string CalendarVersion,
    int Rows,
    int ClosedDayRows,
    IReadOnlyList<ClosedDayRow> FirstClosedDayRows,
    int ClosedDayRowsWithoutHighLow,
    int MissingSessions,
    IReadOnlyList<DateOnly> FirstMissingSessions,
    int RowsOutsideCalendar,
    string? SeemsToFollow,
    string Summary);

/// <summary>Collects an import's dates as they are read (one small entry per row) and judges them at the end. Pure.</summary>
public sealed class CalendarCheck(ExchangeCalendar calendar)
{
    /// <summary>How many of each finding the report lists; the counts are always whole.</summary>
    public const int Listed = 10;

    private readonly List<(DateOnly Date, int Line, bool NoHighLow)> _rows = [];

    public ExchangeCalendar Calendar => calendar;

    public void Add(PriceBar bar, int line) => _rows.Add((bar.Date, line, bar.High is null && bar.Low is null));

    public CalendarReport Report()
    {
        var inside = _rows.Where(r => calendar.Covers(r.Date)).OrderBy(r => r.Date).ToList();
        var closed = inside.Where(r => !calendar.IsSession(r.Date)).ToList();
        var missing = new List<DateOnly>();
        if (inside.Count > 0)
        {
            var dates = inside.Select(r => r.Date).ToHashSet();
            missing.AddRange(calendar.Sessions(inside[0].Date, inside[^1].Date).Select(s => s.Date).Where(d => !dates.Contains(d)));
        }
        var follows = SeemsToFollow(missing);
        var firstClosed = closed.Take(Listed).Select(r => new ClosedDayRow(r.Date, r.Line, calendar.ClosedBecause(r.Date)!)).ToList();
        var withoutHighLow = closed.Count(r => r.NoHighLow);
        return new CalendarReport(calendar.Mic, calendar.Version, _rows.Count, closed.Count, firstClosed, withoutHighLow, missing.Count, [.. missing.Take(Listed)],
            _rows.Count - inside.Count, follows?.Mic, Summarize(closed.Count, firstClosed, withoutHighLow, missing, follows, _rows.Count - inside.Count));
    }

    /// <summary>Another exchange whose closed weekdays explain at least four in five of the missing sessions (at least three).</summary>
    private ExchangeCalendar? SeemsToFollow(List<DateOnly> missing)
    {
        if (missing.Count < 3)
        {
            return null;
        }
        var best = ExchangeCalendars.All.Where(c => c.Mic != calendar.Mic && c.File.TimeZone != calendar.File.TimeZone)
            .Select(c => (Calendar: c, Explained: missing.Count(d => c.Covers(d) && !c.IsSession(d))))
            .MaxBy(c => c.Explained);
        return best.Calendar is not null && best.Explained * 5 >= missing.Count * 4 ? best.Calendar : null;
    }

    private string Summarize(int closed, List<ClosedDayRow> firstClosed, int withoutHighLow, List<DateOnly> missing, ExchangeCalendar? follows, int outside)
    {
        var mic = calendar.Mic;
        if (closed == 0 && missing.Count == 0)
        {
            return Invariant($"Every row falls on a {mic} session and every {mic} session of the file's span has a row.") + Outside(outside);
        }
        var parts = new List<string>();
        if (closed > 0)
        {
            var examples = string.Join(", ", firstClosed.Take(3).Select(r => Invariant($"{r.Date:yyyy-MM-dd} ({r.Reason}, line {r.Line})")));
            var noHighLow = withoutHighLow > 0 ? Invariant($"; {withoutHighLow} of them have no high and low, a producer's placeholder for a closed day") : "";
            parts.Add(Invariant($"{closed} row(s) fall on days {mic} was closed, stored as they are (first: {examples}){noHighLow}"));
        }
        if (missing.Count > 0)
        {
            parts.Add(Invariant($"{missing.Count} {mic} session(s) have no row (first: {string.Join(", ", missing.Take(3).Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))})"));
        }
        var summary = string.Join("; ", parts) + ".";
        if (follows is not null)
        {
            var explained = missing.Count(d => follows.Covers(d) && !follows.IsSession(d));
            summary += Invariant($" {explained} of the {missing.Count} missing sessions are days {follows.Mic} ({follows.Name}) was closed: the file seems to follow the {follows.Mic} calendar, not {mic}'s.");
        }
        return summary + Outside(outside);
    }

    private string Outside(int outside) => outside > 0
        ? Invariant($" {outside} row(s) lie outside the years the {calendar.Mic} calendar covers ({calendar.First:yyyy} to {calendar.Last:yyyy}) and were not checked.")
        : "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
