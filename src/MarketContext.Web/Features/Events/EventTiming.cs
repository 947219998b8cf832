namespace MarketContext.Web.Features.Events;

/// <summary>When the market could first react to an event.</summary>
public static class EventTiming
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>The US regular session, where the ADRs and the benchmark trade, closes at 16:00 New York time.</summary>
    public static readonly TimeOnly UsClose = new(16, 0);

    /// <summary>
    /// The first day the US session could price the news: the first-public day, or the next day when the
    /// catalogue knows the news came out after the close. Weekends and holidays are left to the series' own
    /// trading days (day 0 is the first trading day on or after this date).
    /// </summary>
    public static DateOnly? ReactionDate(PolicyEvent e)
    {
        var day = e.FirstPublic ?? e.Date;
        if (day is not { } first || e.FirstPublicTimeUtc is not { } clock || !TimeOnly.TryParse(clock, System.Globalization.CultureInfo.InvariantCulture, out var utcTime))
        {
            return day;
        }
        var utc = DateTime.SpecifyKind(first.ToDateTime(utcTime), DateTimeKind.Utc);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, NewYork);
        var localDay = DateOnly.FromDateTime(local);
        return TimeOnly.FromDateTime(local) >= UsClose ? localDay.AddDays(1) : localDay;
    }
}
