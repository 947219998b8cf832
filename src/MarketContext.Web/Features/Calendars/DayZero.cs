using System.Globalization;

namespace MarketContext.Web.Features.Calendars;

/// <summary>The first session a listing could price an event in, and why, in words; no day when the calendar cannot say.</summary>
public sealed record DayZero(DateOnly? Day0, string Reason);

/// <summary>
/// Maps an event to the first session of an exchange that could price it. Announced before that session's close →
/// that session; at or after the close, or on a day the exchange was shut → the next session; known only to the
/// day → the first session on or after that day. <c>closeShiftMinutes</c> moves announcements made in the last
/// minutes before the close to the next session too, for those who hold that the market could not react in time.
/// Pure: the same event and calendar give the same day 0 and the same words.
/// </summary>
public static class DayZeros
{
    /// <summary>The calendar a listing with no exchange is studied on, said so in its reason.</summary>
    public const string FallbackMic = "XNYS";

    public const int MaxCloseShiftMinutes = 240;

    // Exchanges whose city is not the one their time zone is named after.
    private static readonly Dictionary<string, string> Cities = new(StringComparer.Ordinal) { ["XETR"] = "Frankfurt" };

    /// <summary>Day 0 on a listing's exchange (a MIC, or null/unknown: the New York calendar, said so in the reason).</summary>
    public static DayZero ForListing(EventMoment moment, string? exchange, int closeShiftMinutes = 0)
    {
        if (ExchangeCalendars.Find(exchange) is { } calendar)
        {
            return Map(moment, calendar, closeShiftMinutes);
        }
        var fallback = Map(moment, ExchangeCalendars.Find(FallbackMic)!, closeShiftMinutes);
        var why = string.IsNullOrWhiteSpace(exchange) ? "no exchange is known for this listing" : $"no calendar is known for {exchange}";
        return fallback with { Reason = $"{why}, so the New York calendar ({FallbackMic}) is used: {fallback.Reason}" };
    }

    /// <summary>Day 0 on one exchange's calendar.</summary>
    public static DayZero Map(EventMoment moment, ExchangeCalendar calendar, int closeShiftMinutes = 0)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(closeShiftMinutes);
        var place = City(calendar);
        if (moment.At is not { } at)
        {
            var start = moment.Day;
            return Next(calendar, start, start, $"{Day(start)}, time of day unknown", moment.Day.Year);
        }
        var local = TimeZoneInfo.ConvertTime(at, calendar.Zone);
        var localDay = DateOnly.FromDateTime(local.DateTime);
        var zone = moment.Zone ?? calendar.Zone;
        var inZone = zone.Id == calendar.Zone.Id ? local : TimeZoneInfo.ConvertTime(at, zone);
        var announced = $"{Clock(inZone)} {CityOf(zone)}";
        if (DateOnly.FromDateTime(inZone.DateTime) != localDay)
        {
            announced += $" ({Clock(local)} on {Day(localDay)} in {place})";
        }
        if (!calendar.Covers(localDay))
        {
            return new DayZero(null, $"{announced}: {Day(localDay, true)} is outside the {place} calendar's years ({calendar.First.Year}–{calendar.Last.Year})");
        }
        if (calendar.SessionOn(localDay) is not { } session)
        {
            return Next(calendar, localDay, localDay, $"{announced} on {Day(localDay)}", localDay.Year);
        }
        var closeText = $"the {Clock(session.Close)} {place} close";
        if (at < session.Close.AddMinutes(-closeShiftMinutes))
        {
            return new DayZero(localDay, $"{announced}, before {closeText} → {Day(localDay)}");
        }
        var timing = at < session.Close
            ? $"{announced}, within {closeShiftMinutes} minutes of {closeText} (closeShiftMinutes={closeShiftMinutes})"
            : $"{announced}, after {closeText}";
        return Next(calendar, localDay.AddDays(1), localDay, timing, localDay.Year);
    }

    /// <summary>The first session on or after <paramref name="start"/>, naming the weekdays the exchange was shut on the way.</summary>
    private static DayZero Next(ExchangeCalendar calendar, DateOnly start, DateOnly from, string said, int year)
    {
        var closed = new List<DateOnly>();
        for (var day = start; calendar.Covers(day); day = day.AddDays(1))
        {
            if (calendar.IsSession(day))
            {
                if (day == from)
                {
                    return new DayZero(day, $"{said}, a {City(calendar)} session → {Day(day, day.Year != year)}");
                }
                var shut = closed.Count == 0 ? "" : $"; {Days(closed, year)} closed";
                return new DayZero(day, $"{said}{shut} → {Day(day, day.Year != year)}");
            }
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                closed.Add(day);
            }
        }
        return new DayZero(null, $"{said}: the {City(calendar)} calendar has no session after it (it ends on {Day(calendar.Last, true)})");
    }

    private static string City(ExchangeCalendar calendar) => Cities.GetValueOrDefault(calendar.Mic) ?? CityOf(calendar.Zone);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> ZoneCities = new(StringComparer.Ordinal);

    private static string CityOf(TimeZoneInfo zone) => ZoneCities.GetOrAdd(zone.Id, id => id[(id.LastIndexOf('/') + 1)..].Replace('_', ' '));

    private static string Clock(DateTimeOffset moment) => moment.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day, bool withYear = false) =>
        day.ToString(withYear ? "d MMMM yyyy" : "d MMMM", CultureInfo.InvariantCulture);

    /// <summary>"10 and 13 April", "24, 25 and 26 December", "31 December and 1 January 2021".</summary>
    private static string Days(List<DateOnly> days, int year)
    {
        var parts = days.Select((d, i) => i + 1 < days.Count && days[i + 1].Month == d.Month && days[i + 1].Year == d.Year
            ? d.Day.ToString(CultureInfo.InvariantCulture)
            : Day(d, d.Year != year)).ToList();
        return parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts[..^1])} and {parts[^1]}";
    }
}
