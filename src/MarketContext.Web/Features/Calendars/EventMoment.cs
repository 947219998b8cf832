using System.Globalization;
using MarketContext.Web.Features.Events;

namespace MarketContext.Web.Features.Calendars;

/// <summary>
/// When an event became known, as far as it is known: the day, and when the clock is known too the moment, with the
/// time zone it was announced in (the reason for a day 0 quotes the announcement in that zone).
/// </summary>
public readonly record struct EventMoment(DateOnly Day, DateTimeOffset? At, TimeZoneInfo? Zone)
{
    /// <summary>The catalogue states moments in UTC; they are quoted in New York time, where the ADRs are priced.</summary>
    public const string CatalogueZone = "America/New_York";

    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById(CatalogueZone);

    /// <summary>An event known only to the day.</summary>
    public static EventMoment OnDay(DateOnly day) => new(day, null, null);

    /// <summary>An event announced at a local wall-clock time in a time zone (an IANA id).</summary>
    public static EventMoment Announced(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new(DateOnly.FromDateTime(unspecified), new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)), zone);
    }

    /// <summary>
    /// An event's moment: an event set's announcement in its own time zone; otherwise its first-public day (or its
    /// date) and, when the catalogue gives the UTC clock, that moment; null for an undated event.
    /// </summary>
    public static EventMoment? Of(PolicyEvent e)
    {
        if (e.AnnouncedAt is { } announced && e.AnnouncedZone is { } zoneId)
        {
            // An event set's own moment, quoted in the zone it was announced in.
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            return new(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(announced, zone).DateTime), announced, zone);
        }
        if ((e.FirstPublic ?? e.Date) is not { } day)
        {
            return null;
        }
        if (e.FirstPublic is not { } first || e.FirstPublicTimeUtc is not { } clock
            || !TimeOnly.TryParseExact(clock, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var utcTime))
        {
            return OnDay(day);
        }
        var at = new DateTimeOffset(first.ToDateTime(utcTime), TimeSpan.Zero);
        return new(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, NewYork).DateTime), at, NewYork);
    }
}
