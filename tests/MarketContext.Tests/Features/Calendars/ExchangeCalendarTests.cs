using MarketContext.Web.Features.Calendars;

namespace MarketContext.Tests.Features.Calendars;

/// <summary>
/// The shipped calendars on days a reader can check in any almanac or on the exchanges' own notices. Expected
/// opens and closes are written out as local time with the offset of that day.
/// </summary>
public sealed class ExchangeCalendarTests
{
    private static ExchangeCalendar Of(string mic) => ExchangeCalendars.Find(mic) ?? throw new InvalidOperationException($"no {mic} calendar");

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static (string Open, string Close)? Hours(string mic, string day) =>
        Of(mic).SessionOn(D(day)) is { } s ? (s.Open.ToString("yyyy-MM-ddTHH:mmzzz"), s.Close.ToString("yyyy-MM-ddTHH:mmzzz")) : null;

    [Fact]
    public void Six_exchanges_cover_2000_to_2027()
    {
        Assert.Equal(["XETR", "XHEL", "XLON", "XNAS", "XNYS", "XSTO"], ExchangeCalendars.All.Select(c => c.Mic));
        Assert.All(ExchangeCalendars.All, c => Assert.True(c.First <= D("2000-01-01") && c.Last >= D("2027-12-31"), c.Mic));
        Assert.Equal("Europe/Stockholm", Of("xsto").File.TimeZone);
    }

    [Theory]
    [InlineData("2020-02-25", "2020-04-12")]
    [InlineData("2019-03-21", "2019-04-21")]
    [InlineData("2000-03-09", "2000-04-23")]
    [InlineData("2027-01-01", "2027-03-28")]
    [InlineData("2011-01-01", "2011-04-24")]
    public void Easter_sunday_matches_the_almanac(string year, string easter) =>
        Assert.Equal(D(easter), DayRule.EasterSunday(D(year).Year));

    [Fact]
    public void Maundy_thursday_2020_the_articles_day_on_three_exchanges()
    {
        // Stockholm's half day before Easter; Helsinki full day; New York full day, a few days after its DST change.
        Assert.Equal(("2020-04-09T09:00+02:00", "2020-04-09T13:00+02:00"), Hours("XSTO", "2020-04-09"));
        Assert.Equal(("2020-04-09T10:00+03:00", "2020-04-09T18:30+03:00"), Hours("XHEL", "2020-04-09"));
        Assert.Equal(("2020-04-09T09:30-04:00", "2020-04-09T16:00-04:00"), Hours("XNYS", "2020-04-09"));
        // Good Friday shut everywhere; Easter Monday shut in Europe, New York open.
        Assert.All(ExchangeCalendars.All, c => Assert.False(c.IsSession(D("2020-04-10")), c.Mic));
        Assert.False(Of("XSTO").IsSession(D("2020-04-13")));
        Assert.False(Of("XHEL").IsSession(D("2020-04-13")));
        Assert.False(Of("XLON").IsSession(D("2020-04-13")));
        Assert.False(Of("XETR").IsSession(D("2020-04-13")));
        Assert.Equal("Easter Monday", Of("XHEL").ClosedBecause(D("2020-04-13")));
        Assert.True(Of("XNYS").IsSession(D("2020-04-13")));
        Assert.Equal(["2020-04-14"], Of("XSTO").Sessions(D("2020-04-10"), D("2020-04-14")).Select(s => s.Date.ToString("yyyy-MM-dd")));
    }

    [Fact]
    public void Midsummer_eve_is_the_friday_from_19_to_25_june_in_stockholm_and_helsinki()
    {
        foreach (var (eve, thursday) in new[] { ("2020-06-19", "2020-06-18"), ("2019-06-21", "2019-06-20"), ("2015-06-19", "2015-06-18"), ("2021-06-25", "2021-06-24") })
        {
            Assert.Equal("Midsummer Eve", Of("XSTO").ClosedBecause(D(eve)));
            Assert.Equal("Midsummer Eve", Of("XHEL").ClosedBecause(D(eve)));
            Assert.True(Of("XSTO").IsSession(D(thursday)));
            Assert.True(Of("XNYS").IsSession(D(eve)));
        }
    }

    [Fact]
    public void Finnish_independence_day_closes_helsinki_only()
    {
        Assert.Equal("Independence Day", Of("XHEL").ClosedBecause(D("2019-12-06")));
        Assert.Equal("Independence Day", Of("XHEL").ClosedBecause(D("2018-12-06")));
        Assert.True(Of("XSTO").IsSession(D("2019-12-06")));
        Assert.True(Of("XHEL").IsSession(D("2019-12-05")));
    }

    [Fact]
    public void Ascension_day_closes_the_nordics_and_stockholm_closes_at_one_the_day_before()
    {
        // Ascension 2020: Thursday 21 May (Easter + 39); 2019: 30 May.
        Assert.Equal("Ascension Day", Of("XSTO").ClosedBecause(D("2020-05-21")));
        Assert.Equal("Ascension Day", Of("XHEL").ClosedBecause(D("2019-05-30")));
        Assert.Equal(("2020-05-20T09:00+02:00", "2020-05-20T13:00+02:00"), Hours("XSTO", "2020-05-20"));
        Assert.Equal(("2020-05-21T08:00+01:00", "2020-05-21T16:30+01:00"), Hours("XLON", "2020-05-21"));
    }

    [Fact]
    public void Us_thanksgiving_and_the_one_oclock_close_the_day_after()
    {
        Assert.Equal("Thanksgiving Day", Of("XNYS").ClosedBecause(D("2020-11-26")));
        Assert.Equal(("2020-11-27T09:30-05:00", "2020-11-27T13:00-05:00"), Hours("XNYS", "2020-11-27"));
        Assert.Equal(("2019-11-29T09:30-05:00", "2019-11-29T13:00-05:00"), Hours("XNAS", "2019-11-29"));
        Assert.Null(Hours("XNYS", "2019-11-28"));
        Assert.True(Of("XSTO").IsSession(D("2020-11-26")));
    }

    [Fact]
    public void Christmas_eve_one_oclock_in_new_york_half_past_twelve_in_london_closed_in_the_nordics_and_frankfurt()
    {
        Assert.Equal(("2020-12-24T09:30-05:00", "2020-12-24T13:00-05:00"), Hours("XNYS", "2020-12-24"));
        Assert.Equal(("2020-12-24T08:00+00:00", "2020-12-24T12:30+00:00"), Hours("XLON", "2020-12-24"));
        Assert.Null(Hours("XSTO", "2020-12-24"));
        Assert.Null(Hours("XHEL", "2020-12-24"));
        Assert.Null(Hours("XETR", "2020-12-24"));
        // Christmas 2021 was a Saturday: New York closed on Friday the 24th instead.
        Assert.Equal("Christmas Day", Of("XNYS").ClosedBecause(D("2021-12-24")));
        // London on a weekend Christmas: Monday 27 and Tuesday 28 December 2021 are the substitute days.
        Assert.NotNull(Of("XLON").ClosedBecause(D("2021-12-27")));
        Assert.NotNull(Of("XLON").ClosedBecause(D("2021-12-28")));
        Assert.True(Of("XLON").IsSession(D("2021-12-29")));
    }

    [Fact]
    public void Dated_rule_changes_hold_on_their_side_of_the_date()
    {
        // Sweden: Whit Monday until 2004, National Day from 2005.
        Assert.Equal("Whit Monday", Of("XSTO").ClosedBecause(D("2004-05-31")));
        Assert.True(Of("XSTO").IsSession(D("2005-05-16")));
        Assert.Equal("National Day", Of("XSTO").ClosedBecause(D("2005-06-06")));
        Assert.True(Of("XSTO").IsSession(D("2003-06-06")));
        // Xetra: Whit Monday and 3 October closed 2015-2021 (3 October from 2014), traded again from 2022; 2007 once.
        Assert.False(Of("XETR").IsSession(D("2019-06-10")));
        Assert.True(Of("XETR").IsSession(D("2022-06-06")));
        Assert.True(Of("XETR").IsSession(D("2008-05-12")));
        Assert.False(Of("XETR").IsSession(D("2007-05-28")));
        Assert.False(Of("XETR").IsSession(D("2018-10-03")));
        Assert.True(Of("XETR").IsSession(D("2022-10-03")));
        Assert.True(Of("XETR").IsSession(D("2013-10-03")));
        // New York: Juneteenth from 2022 (19 June 2022 a Sunday, so Monday 20 June); not in 2021.
        Assert.False(Of("XNYS").IsSession(D("2022-06-20")));
        Assert.True(Of("XNYS").IsSession(D("2021-06-18")));
        // 3 July on a Wednesday closes early from 2013 only; Friday 5 July closed early until 2012.
        Assert.Equal(("2013-07-03T09:30-04:00", "2013-07-03T13:00-04:00"), Hours("XNYS", "2013-07-03"));
        Assert.Equal(("2002-07-05T09:30-04:00", "2002-07-05T13:00-04:00"), Hours("XNYS", "2002-07-05"));
        Assert.Equal(("2019-07-05T09:30-04:00", "2019-07-05T16:00-04:00"), Hours("XNYS", "2019-07-05"));
        // London's early May bank holiday moved to VE Day in 2020.
        Assert.False(Of("XLON").IsSession(D("2020-05-08")));
        Assert.True(Of("XLON").IsSession(D("2020-05-04")));
        Assert.False(Of("XLON").IsSession(D("2019-05-06")));
    }

    [Theory]
    [InlineData("2001-09-11")]
    [InlineData("2001-09-14")]
    [InlineData("2004-06-11")]
    [InlineData("2007-01-02")]
    [InlineData("2012-10-29")]
    [InlineData("2012-10-30")]
    [InlineData("2018-12-05")]
    [InlineData("2025-01-09")]
    public void One_off_closures_in_new_york(string day)
    {
        Assert.False(Of("XNYS").IsSession(D(day)));
        Assert.False(Of("XNAS").IsSession(D(day)));
        Assert.True(Of("XLON").IsSession(D(day)) || D(day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    [Fact]
    public void New_york_trading_days_per_year_match_the_published_counts()
    {
        // NYSE's own counts: 251 days in 2018 (with 5 December), 252 in 2019, 253 in 2020.
        Assert.Equal(251, Of("XNYS").Sessions(D("2018-01-01"), D("2018-12-31")).Count());
        Assert.Equal(252, Of("XNYS").Sessions(D("2019-01-01"), D("2019-12-31")).Count());
        Assert.Equal(253, Of("XNYS").Sessions(D("2020-01-01"), D("2020-12-31")).Count());
        // New Year's Day on a Saturday (2022) is not moved to the Friday before; on a Sunday (2023) it moves to Monday.
        Assert.True(Of("XNYS").IsSession(D("2021-12-31")));
        Assert.False(Of("XNYS").IsSession(D("2023-01-02")));
    }

    [Fact]
    public void Offsets_follow_each_zones_own_summer_time_change()
    {
        // The US moved on 8 March 2020, Europe on 29 March: for three weeks New York is 4 hours behind Stockholm, not 6.
        Assert.Equal(("2020-03-06T09:30-05:00", "2020-03-06T16:00-05:00"), Hours("XNYS", "2020-03-06"));
        Assert.Equal(("2020-03-09T09:30-04:00", "2020-03-09T16:00-04:00"), Hours("XNYS", "2020-03-09"));
        Assert.Equal(("2020-03-27T09:00+01:00", "2020-03-27T17:30+01:00"), Hours("XSTO", "2020-03-27"));
        Assert.Equal(("2020-03-30T09:00+02:00", "2020-03-30T17:30+02:00"), Hours("XSTO", "2020-03-30"));
        Assert.Equal(("2020-10-26T08:00+00:00", "2020-10-26T16:30+00:00"), Hours("XLON", "2020-10-26"));
    }

    [Fact]
    public void Every_rule_of_every_file_names_its_source()
    {
        Assert.All(ExchangeCalendars.All, c =>
        {
            Assert.All(c.File.Holidays.Concat(c.File.EarlyCloses), r => Assert.False(string.IsNullOrWhiteSpace(r.Source), $"{c.Mic} {r.Name}"));
            Assert.All(c.File.Closures, r => Assert.False(string.IsNullOrWhiteSpace(r.Source), $"{c.Mic} {r.Name}"));
        });
        var noSource = """{"mic":"XTST","name":"Test","timeZone":"UTC","covers":{"from":"2000-01-01","to":"2000-12-31"},"hours":[{"from":"2000-01-01","open":"09:00","close":"17:00","source":"s"}],"holidays":[{"name":"Day","month":1,"day":1,"source":""}]}""";
        var refused = Assert.Throws<InvalidDataException>(() => ExchangeCalendar.Parse(System.Text.Encoding.UTF8.GetBytes(noSource)));
        Assert.Contains("\"Day\" names no source", refused.Message);
    }

    [Fact]
    public void The_version_is_the_files_hash_and_moves_when_the_file_changes()
    {
        var path = Path.Combine(Build.FeatureDependencyTests.WebFolder, "Features", "Calendars", "Exchanges", "XSTO.json");
        var bytes = File.ReadAllBytes(path);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..12];
        Assert.Equal(hash, Of("XSTO").Version);
        var changed = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace("\"17:30\"", "\"17:25\"", StringComparison.Ordinal));
        var edited = ExchangeCalendar.Parse(changed);
        Assert.NotEqual(Of("XSTO").Version, edited.Version);
        Assert.Equal(new TimeOnly(17, 25), edited.SessionOn(D("2020-04-08"))!.Close.TimeOfDay is var t ? TimeOnly.FromTimeSpan(t) : default);
    }
}
