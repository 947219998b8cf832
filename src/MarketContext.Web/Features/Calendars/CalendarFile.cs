namespace MarketContext.Web.Features.Calendars;

/// <summary>Regular hours in force from a date on (until the next entry), local time.</summary>
public sealed record TradingHours(DateOnly From, TimeOnly Open, TimeOnly Close, string Source);

/// <summary>A closure of one or more days that no yearly rule explains (a storm, a day of mourning).</summary>
public sealed record Closure(string Name, DateOnly Date, DateOnly? Through, string Source);

/// <summary>An early close that no yearly rule explains.</summary>
public sealed record SpecialClose(string Name, DateOnly Date, TimeOnly Close, string Source);

/// <summary>The years a calendar file vouches for, both ends inclusive.</summary>
public sealed record Coverage(DateOnly From, DateOnly To);

/// <summary>
/// One exchange's calendar as its file states it (<c>Exchanges/MIC.json</c>): the rules, each with its source. The
/// sessions are computed from it by <see cref="ExchangeCalendar"/>.
/// </summary>
public sealed record CalendarFile
{
    public required string Mic { get; init; }
    public required string Name { get; init; }
    public required string TimeZone { get; init; }
    public required Coverage Covers { get; init; }
    public required IReadOnlyList<TradingHours> Hours { get; init; }
    public IReadOnlyList<DayRule> Holidays { get; init; } = [];
    public IReadOnlyList<EarlyCloseRule> EarlyCloses { get; init; } = [];
    public IReadOnlyList<Closure> Closures { get; init; } = [];
    public IReadOnlyList<SpecialClose> SpecialCloses { get; init; } = [];
}
