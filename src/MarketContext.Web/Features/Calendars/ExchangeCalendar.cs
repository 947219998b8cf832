using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketContext.Web.Features.Calendars;

/// <summary>One trading session: its day, and its open and close with the exchange's UTC offset of that day.</summary>
public sealed record Session(DateOnly Date, DateTimeOffset Open, DateTimeOffset Close);

/// <summary>
/// An exchange's sessions, computed once from its calendar file for the years the file covers. Pure: the same
/// file gives the same sessions on any machine, in any time zone. <see cref="Version"/> is a hash of the file's
/// bytes, so it moves whenever the file does.
/// </summary>
public sealed class ExchangeCalendar
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private readonly Dictionary<DateOnly, string> _closed = [];
    private readonly Dictionary<DateOnly, (TimeOnly Close, string Name)> _earlyCloses = [];

    private ExchangeCalendar(CalendarFile file, string version)
    {
        File = file;
        Version = version;
        Zone = TimeZoneInfo.FindSystemTimeZoneById(file.TimeZone);
        for (var year = file.Covers.From.Year; year <= file.Covers.To.Year; year++)
        {
            foreach (var rule in file.Holidays)
            {
                if (rule.In(year) is { } day)
                {
                    _closed.TryAdd(day, rule.Name);
                }
            }
            foreach (var rule in file.EarlyCloses)
            {
                if (rule.In(year) is { } day)
                {
                    _earlyCloses.TryAdd(day, (rule.Close, rule.Name));
                }
            }
        }
        foreach (var closure in file.Closures)
        {
            for (var day = closure.Date; day <= (closure.Through ?? closure.Date); day = day.AddDays(1))
            {
                _closed[day] = closure.Name;
            }
        }
        foreach (var special in file.SpecialCloses)
        {
            _earlyCloses[special.Date] = (special.Close, special.Name);
        }
    }

    public CalendarFile File { get; }

    public string Mic => File.Mic;

    public string Name => File.Name;

    public TimeZoneInfo Zone { get; }

    /// <summary>The first 12 hex digits of the SHA-256 of the file's bytes.</summary>
    public string Version { get; }

    public DateOnly First => File.Covers.From;

    public DateOnly Last => File.Covers.To;

    public bool Covers(DateOnly day) => day >= First && day <= Last;

    /// <summary>Reads a calendar file; a rule that names no date, or no source, refuses the whole file.</summary>
    public static ExchangeCalendar Parse(byte[] content)
    {
        var file = JsonSerializer.Deserialize<CalendarFile>(content, Json) ?? throw new InvalidDataException("The calendar file is empty.");
        var problems = file.Holidays.Concat(file.EarlyCloses).Select(r => r.Problem()).OfType<string>()
            .Concat(file.Hours.Count == 0 ? ["no regular hours"] : [])
            .Concat(file.Closures.Concat<object>(file.SpecialCloses).Concat(file.Hours).Where(NoSource).Select(r => $"{r} names no source"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{file.Mic}: {string.Join("; ", problems)}.");
        }
        return new ExchangeCalendar(file, Convert.ToHexStringLower(SHA256.HashData(content))[..12]);
    }

    private static bool NoSource(object rule) => string.IsNullOrWhiteSpace(rule switch
    {
        Closure c => c.Source,
        SpecialClose s => s.Source,
        TradingHours h => h.Source,
        _ => null,
    });

    /// <summary>Whether the exchange traded that day; false outside the years the file covers.</summary>
    public bool IsSession(DateOnly day) =>
        Covers(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_closed.ContainsKey(day);

    /// <summary>Why the exchange did not trade that day (<c>weekend</c>, a holiday's name), or null on a session.</summary>
    public string? ClosedBecause(DateOnly day) =>
        !Covers(day) ? "outside the calendar's years"
        : day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? "weekend"
        : _closed.GetValueOrDefault(day);

    /// <summary>The session of that day, or null when the exchange was closed.</summary>
    public Session? SessionOn(DateOnly day)
    {
        if (!IsSession(day))
        {
            return null;
        }
        var hours = File.Hours.Where(h => h.From <= day).MaxBy(h => h.From) ?? File.Hours[0];
        var close = _earlyCloses.TryGetValue(day, out var early) && early.Close < hours.Close ? early.Close : hours.Close;
        return new Session(day, At(day, hours.Open), At(day, close));
    }

    /// <summary>The early close of that day with its reason, or null on a full day.</summary>
    public (TimeOnly Close, string Name)? EarlyCloseOn(DateOnly day) =>
        IsSession(day) && _earlyCloses.TryGetValue(day, out var early) ? early : null;

    /// <summary>The sessions from one day to another, both inclusive, clipped to the covered years.</summary>
    public IEnumerable<Session> Sessions(DateOnly from, DateOnly to)
    {
        for (var day = from < First ? First : from; day <= to && day <= Last; day = day.AddDays(1))
        {
            if (SessionOn(day) is { } session)
            {
                yield return session;
            }
        }
    }

    private DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
