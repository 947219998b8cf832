using System.Globalization;
using MarketContext.Web.Features.Calendars;
using MarketContext.Web.Features.Events;

namespace MarketContext.Tests.Features.Calendars;

/// <summary>
/// Day 0 per listing on moments a reader can check: the article's own minute, announcements just before and just
/// after each close, and the weeks in March and October when New York and Europe are on different sides of their
/// daylight-saving change (the Stockholm close is 11:30 New York time outside those weeks and 12:30 inside them).
/// </summary>
public sealed class DayZeroTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    private static ExchangeCalendar Of(string mic) => ExchangeCalendars.Find(mic)!;

    private static EventMoment At(string local, TimeZoneInfo zone) =>
        EventMoment.Announced(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), zone);

    private static DateOnly D(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void The_articles_minute_is_day_0_in_New_York_and_five_days_later_in_Stockholm_and_Helsinki()
    {
        var article = At("2020-04-09 15:44", NewYork);
        Assert.Equal(new DayZero(D("2020-04-09"), "15:44 New York, before the 16:00 New York close → 9 April"), DayZeros.Map(article, Of("XNAS")));
        Assert.Equal(new DayZero(D("2020-04-14"), "15:44 New York, after the 13:00 Stockholm close; 10 and 13 April closed → 14 April"), DayZeros.Map(article, Of("XSTO")));
        Assert.Equal(new DayZero(D("2020-04-14"), "15:44 New York, after the 18:30 Helsinki close; 10 and 13 April closed → 14 April"), DayZeros.Map(article, Of("XHEL")));
    }

    [Theory]
    // Before the US change (EST, UTC−5) and after both changes (EDT, CEST): Stockholm closes at 11:30 New York time.
    [InlineData("2020-03-03 11:29", "2020-03-03")]
    [InlineData("2020-03-03 11:30", "2020-03-04")]
    [InlineData("2020-03-31 11:29", "2020-03-31")]
    [InlineData("2020-03-31 11:30", "2020-04-01")]
    // New York on summer time, Stockholm not yet (8–28 March 2020): Stockholm closes at 12:30 New York time.
    [InlineData("2020-03-10 11:30", "2020-03-10")]
    [InlineData("2020-03-10 12:29", "2020-03-10")]
    [InlineData("2020-03-10 12:30", "2020-03-11")]
    [InlineData("2020-03-27 12:29", "2020-03-27")]
    [InlineData("2020-03-27 12:30", "2020-03-30")]
    // Stockholm back on winter time, New York not yet (25 October – 1 November 2020): 12:30 again; then 11:30.
    [InlineData("2020-10-23 11:30", "2020-10-26")]
    [InlineData("2020-10-27 12:29", "2020-10-27")]
    [InlineData("2020-10-27 12:30", "2020-10-28")]
    [InlineData("2020-11-03 11:29", "2020-11-03")]
    [InlineData("2020-11-03 11:30", "2020-11-04")]
    public void New_York_announcements_around_the_Stockholm_close_across_both_daylight_saving_changes(string newYork, string day0) =>
        Assert.Equal(D(day0), DayZeros.Map(At(newYork, NewYork), Of("XSTO")).Day0);

    [Theory]
    // The New York close is 22:00 Stockholm time, except in the weeks the two changes differ, when it is 21:00.
    [InlineData("2020-03-03 21:59", "2020-03-03")]
    [InlineData("2020-03-03 22:00", "2020-03-04")]
    [InlineData("2020-03-10 20:59", "2020-03-10")]
    [InlineData("2020-03-10 21:00", "2020-03-11")]
    [InlineData("2020-10-28 20:59", "2020-10-28")]
    [InlineData("2020-10-28 21:00", "2020-10-29")]
    [InlineData("2020-11-04 21:59", "2020-11-04")]
    [InlineData("2020-11-04 22:00", "2020-11-05")]
    public void Stockholm_announcements_around_the_New_York_close_across_both_daylight_saving_changes(string stockholm, string day0)
    {
        Assert.Equal(D(day0), DayZeros.Map(At(stockholm, Stockholm), Of("XNYS")).Day0);
        Assert.Equal(D(day0), DayZeros.Map(At(stockholm, Stockholm), Of("XNAS")).Day0);
    }

    [Theory]
    // Helsinki closes 18:30 local, Xetra 17:30, London 16:30: each just before and at its close, in its own zone.
    [InlineData("XHEL", "Europe/Helsinki", "2020-03-10 18:29", "2020-03-10")]
    [InlineData("XHEL", "Europe/Helsinki", "2020-03-10 18:30", "2020-03-11")]
    [InlineData("XETR", "Europe/Berlin", "2020-10-27 17:29", "2020-10-27")]
    [InlineData("XETR", "Europe/Berlin", "2020-10-27 17:30", "2020-10-28")]
    [InlineData("XLON", "Europe/London", "2020-03-27 16:29", "2020-03-27")]
    [InlineData("XLON", "Europe/London", "2020-03-27 16:30", "2020-03-30")]
    public void Each_exchange_just_before_and_at_its_own_close(string mic, string zone, string local, string day0) =>
        Assert.Equal(D(day0), DayZeros.Map(At(local, TimeZoneInfo.FindSystemTimeZoneById(zone)), Of(mic)).Day0);

    [Fact]
    public void A_closed_day_and_a_day_without_a_clock_go_to_the_first_session_on_or_after()
    {
        Assert.Equal(new DayZero(D("2020-04-14"), "10:00 New York on 10 April; 10 and 13 April closed → 14 April"),
            DayZeros.Map(At("2020-04-10 10:00", NewYork), Of("XSTO")));
        Assert.Equal(new DayZero(D("2020-04-13"), "10 April, time of day unknown; 10 April closed → 13 April"),
            DayZeros.Map(EventMoment.OnDay(D("2020-04-10")), Of("XNYS")));
        Assert.Equal(new DayZero(D("2020-04-09"), "9 April, time of day unknown, a Stockholm session → 9 April"),
            DayZeros.Map(EventMoment.OnDay(D("2020-04-09")), Of("XSTO")));
    }

    [Fact]
    public void An_evening_in_New_York_is_the_next_morning_in_Stockholm_and_says_so()
    {
        var evening = At("2020-04-08 20:00", NewYork);
        Assert.Equal(new DayZero(D("2020-04-09"), "20:00 New York (02:00 on 9 April in Stockholm), before the 13:00 Stockholm close → 9 April"),
            DayZeros.Map(evening, Of("XSTO")));
    }

    [Fact]
    public void The_close_shift_moves_the_last_minutes_before_the_close_to_the_next_session()
    {
        var late = At("2020-04-09 15:50", NewYork);
        Assert.Equal(D("2020-04-09"), DayZeros.Map(late, Of("XNAS"), 5).Day0);
        Assert.Equal(new DayZero(D("2020-04-13"), "15:50 New York, within 15 minutes of the 16:00 New York close (closeShiftMinutes=15); 10 April closed → 13 April"),
            DayZeros.Map(late, Of("XNAS"), 15));
    }

    [Fact]
    public void A_listing_without_an_exchange_falls_back_to_New_York_and_says_so()
    {
        var zero = DayZeros.ForListing(At("2020-04-09 15:44", NewYork), null);
        Assert.Equal(D("2020-04-09"), zero.Day0);
        Assert.StartsWith("no exchange is known for this listing, so the New York calendar (XNYS) is used: 15:44 New York", zero.Reason);
        Assert.Equal(D("2020-04-14"), DayZeros.ForListing(At("2020-04-09 15:44", NewYork), "xsto").Day0);
    }

    [Fact]
    public void Outside_the_calendars_years_there_is_no_day_0()
    {
        var zero = DayZeros.Map(EventMoment.OnDay(D("2031-05-05")), Of("XSTO"));
        Assert.Null(zero.Day0);
        Assert.Contains("2027", zero.Reason);
    }

    [Fact]
    public void A_catalogue_events_utc_clock_is_quoted_in_New_York_time()
    {
        var e = new PolicyEvent("E1", D("2020-04-09"), null, "day", D("2020-04-09"), "19:44", "t", "l", "s", "industry", [], true, null, "", [], [], "high");
        var moment = EventMoment.Of(e)!.Value;
        Assert.Equal(D("2020-04-14"), DayZeros.Map(moment, Of("XSTO")).Day0);
        Assert.StartsWith("15:44 New York, after the 13:00 Stockholm close", DayZeros.Map(moment, Of("XSTO")).Reason);
        Assert.Equal(EventMoment.OnDay(D("2020-04-09")), EventMoment.Of(e with { FirstPublicTimeUtc = null }));
    }
}
