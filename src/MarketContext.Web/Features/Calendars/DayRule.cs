namespace MarketContext.Web.Features.Calendars;

/// <summary>How a rule's date moves when it falls on a weekend.</summary>
public enum Observance
{
    /// <summary>A weekend date is simply not a weekday holiday.</summary>
    None,

    /// <summary>Sunday moves to Monday; Saturday is not observed (New York's New Year's Day).</summary>
    SundayToMonday,

    /// <summary>Saturday moves to Friday, Sunday to Monday (New York's federal holidays).</summary>
    NearestWeekday,

    /// <summary>Saturday and Sunday move to Monday (London's New Year's Day).</summary>
    WeekendToMonday,

    /// <summary>Saturday and Sunday move to the Friday before.</summary>
    PreviousFriday,
}

/// <summary>
/// One yearly date, in the forms exchanges use: a fixed day (<c>month</c>, <c>day</c>), a day relative to Easter Sunday
/// (<c>easter</c> days), the nth weekday of a month (<c>nth</c>, negative from its end), or the first <c>weekday</c>
/// on or after a fixed day; then <c>offsetDays</c>, the weekend <c>observance</c>, the weekdays it holds on
/// (<c>onlyOn</c>) and the dates between which the rule was in force (<c>from</c>, <c>to</c>, both inclusive).
/// </summary>
public record DayRule
{
    public required string Name { get; init; }
    public int? Month { get; init; }
    public int? Day { get; init; }
    public int? Easter { get; init; }
    public int? Nth { get; init; }
    public DayOfWeek? Weekday { get; init; }
    public int OffsetDays { get; init; }
    public Observance Observance { get; init; }
    public IReadOnlyList<DayOfWeek>? OnlyOn { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    /// <summary>Where the rule comes from: a law, the exchange's notice, its published calendar.</summary>
    public required string Source { get; init; }

    /// <summary>The rule's date in a year, or null when it does not hold that year.</summary>
    public DateOnly? In(int year)
    {
        var date = Base(year).AddDays(OffsetDays);
        date = Observe(date, Observance) ?? default;
        if (date == default
            || (OnlyOn is not null && !OnlyOn.Contains(date.DayOfWeek))
            || (From is { } from && date < from) || (To is { } to && date > to))
        {
            return null;
        }
        return date;
    }

    /// <summary>What is wrong with the rule's form, or null when it names one date a year.</summary>
    public string? Problem()
    {
        var forms = (Easter is not null ? 1 : 0) + (Nth is not null ? 1 : 0) + (Nth is null && Weekday is not null ? 1 : 0)
            + (Easter is null && Nth is null && Weekday is null ? 1 : 0);
        if (string.IsNullOrWhiteSpace(Source))
        {
            return $"\"{Name}\" names no source";
        }
        if (Easter is not null && (Month is not null || Day is not null || Weekday is not null || Nth is not null))
        {
            return $"\"{Name}\" mixes easter with a month, day or weekday";
        }
        if (Easter is null && (Month is not (>= 1 and <= 12) || (Nth is null && Day is not (>= 1 and <= 31))))
        {
            return $"\"{Name}\" needs a month and a day";
        }
        if (Nth is not null && (Weekday is null || Nth is 0 or > 5 or < -5))
        {
            return $"\"{Name}\" needs a weekday and an nth of 1–5 or −1–−5";
        }
        return forms == 1 ? null : $"\"{Name}\" names no single form of date";
    }

    private DateOnly Base(int year)
    {
        if (Easter is { } days)
        {
            return EasterSunday(year).AddDays(days);
        }
        if (Nth is { } nth)
        {
            return NthWeekday(year, Month!.Value, Weekday!.Value, nth);
        }
        var fixedDay = new DateOnly(year, Month!.Value, Day!.Value);
        return Weekday is { } weekday ? fixedDay.AddDays(((int)weekday - (int)fixedDay.DayOfWeek + 7) % 7) : fixedDay;
    }

    private static DateOnly? Observe(DateOnly date, Observance observance) => (observance, date.DayOfWeek) switch
    {
        (Observance.SundayToMonday, DayOfWeek.Sunday) => date.AddDays(1),
        (Observance.SundayToMonday, DayOfWeek.Saturday) => null,
        (Observance.NearestWeekday, DayOfWeek.Saturday) => date.AddDays(-1),
        (Observance.NearestWeekday, DayOfWeek.Sunday) => date.AddDays(1),
        (Observance.WeekendToMonday, DayOfWeek.Saturday) => date.AddDays(2),
        (Observance.WeekendToMonday, DayOfWeek.Sunday) => date.AddDays(1),
        (Observance.PreviousFriday, DayOfWeek.Saturday) => date.AddDays(-1),
        (Observance.PreviousFriday, DayOfWeek.Sunday) => date.AddDays(-2),
        _ => date,
    };

    /// <summary>The nth (1-based; negative counts from the month's end) given weekday of a month.</summary>
    public static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int nth)
    {
        if (nth > 0)
        {
            var first = new DateOnly(year, month, 1);
            return first.AddDays(((int)weekday - (int)first.DayOfWeek + 7) % 7 + 7 * (nth - 1));
        }
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7) + 7 * (nth + 1));
    }

    /// <summary>Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}

/// <summary>A yearly early close: the rule's date, closing at <see cref="Close"/> local time.</summary>
public sealed record EarlyCloseRule : DayRule
{
    public required TimeOnly Close { get; init; }
}
