using System.Net;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Calendars;

public sealed class CalendarEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_calendars_are_listed_with_zone_and_version()
    {
        var calendars = (await app.Client.GetJsonAsync("/api/calendars")).EnumerateArray().ToList();

        Assert.Equal(["XETR", "XHEL", "XLON", "XNAS", "XNYS", "XSTO"], calendars.Select(c => c.Str("mic")));
        var helsinki = calendars.Single(c => c.Str("mic") == "XHEL");
        Assert.Equal("Europe/Helsinki", helsinki.Str("timeZone"));
        Assert.Equal("Nasdaq Helsinki", helsinki.Str("name"));
        Assert.Matches("^[0-9a-f]{12}$", helsinki.Str("version"));
        Assert.Equal(6, calendars.Select(c => c.Str("version")).Distinct().Count());
    }

    [Fact]
    public async Task Sessions_around_easter_2020_in_stockholm_carry_the_half_day_and_leave_out_the_closed_days()
    {
        var sessions = (await app.Client.GetJsonAsync("/api/calendars/xsto/sessions?from=2020-04-08&to=2020-04-14")).EnumerateArray().ToList();

        Assert.Equal(["2020-04-08", "2020-04-09", "2020-04-14"], sessions.Select(s => s.Str("date")));
        Assert.Equal("2020-04-09T09:00:00+02:00", sessions[1].Str("open"));
        Assert.Equal("2020-04-09T13:00:00+02:00", sessions[1].Str("close"));
        Assert.Equal("2020-04-14T17:30:00+02:00", sessions[2].Str("close"));
    }

    [Fact]
    public async Task New_york_thanksgiving_week_2020()
    {
        var sessions = (await app.Client.GetJsonAsync("/api/calendars/XNYS/sessions?from=2020-11-25&to=2020-11-30")).EnumerateArray().ToList();

        Assert.Equal(["2020-11-25", "2020-11-27", "2020-11-30"], sessions.Select(s => s.Str("date")));
        Assert.Equal("2020-11-27T13:00:00-05:00", sessions[1].Str("close"));
    }

    [Theory]
    [InlineData("/api/calendars/XSTO/sessions?from=2020-01-01", "to")]
    [InlineData("/api/calendars/XSTO/sessions?from=2020-13-01&to=2020-12-31", "from")]
    [InlineData("/api/calendars/XSTO/sessions?from=2000-01-01&to=2020-12-31", "to")]
    [InlineData("/api/calendars/XSTO/sessions?from=2020-02-01&to=2020-01-01", "to")]
    [InlineData("/api/calendars/XSTO/sessions?from=1999-12-01&to=2000-01-31", "from")]
    public async Task Bad_ranges_are_refused_naming_the_field(string url, string field)
    {
        var problem = await (await app.Client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors(), e => e.Str("field") == field);
    }

    [Fact]
    public async Task An_unknown_exchange_is_not_found()
    {
        var problem = await (await app.Client.GetAsync("/api/calendars/XXXX/sessions?from=2020-01-01&to=2020-01-31")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("XNYS", problem.Str("detail"));
    }
}
