using System.Net;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Http;

/// <summary>One parser and one set of limits per parameter, whichever route takes it; every refusal names its field.</summary>
public sealed class ApiContractTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<List<(string? Field, string? Message)>> RefusalsAsync(string url)
    {
        var problem = await (await app.Client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);
        return [.. problem.Errors().Select(e => (e.Str("field"), e.Str("message")))];
    }

    [Theory]
    [InlineData("/api/chart.png?mode=7", "mode", "mode \"7\" is not one of rebased, price, percent.")]
    [InlineData("/api/chart.png?mode=1", "mode", "mode \"1\" is not one of rebased, price, percent.")]
    [InlineData("/api/chart/layout?view=1", "view", "view \"1\" is not one of time, event-time.")]
    [InlineData("/api/event-study?symbol=ERIC&eventId=E25&returns=0", "returns", "returns \"0\" is not one of simple, log.")]
    [InlineData("/api/event-study/aggregate.csv?part=1", "part", "part \"1\" is not one of tests, members.")]
    public async Task Enum_values_are_accepted_by_name_only_never_by_number(string url, string field, string message)
    {
        Assert.Equal([(field, message)], await RefusalsAsync(url));
    }

    [Theory]
    [InlineData("/api/chart.png?mode=PERCENT&view=Event-Time&eventIds=E25")]
    [InlineData("/api/chart/layout?mode=price&view=time")]
    public async Task Enum_names_are_read_in_any_case(string url)
    {
        var response = await app.Client.GetAsync(url);

        Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/chart.png?from={0}", "from")]
    [InlineData("/api/chart.svg?to={0}", "to")]
    [InlineData("/api/chart/layout?from={0}", "from")]
    [InlineData("/api/series/ERIC/prices?after={0}", "after")]
    [InlineData("/api/annotations?to={0}", "to")]
    [InlineData("/api/event-study?symbol=ERIC&date={0}", "date")]
    [InlineData("/api/event-study/chart.png?symbol=ERIC&date={0}", "date")]
    [InlineData("/api/event-study/aggregate?dates=2020-02-13,{0}", "dates")]
    public async Task A_bad_date_is_refused_with_the_same_message_on_every_route(string url, string field)
    {
        foreach (var bad in new[] { "2020-02-30", "13/02/2020", "2020-2-3", "Feb 13 2020" })
        {
            Assert.Equal([(field, $"{field} \"{bad}\" is not a date (YYYY-MM-DD).")], await RefusalsAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, Uri.EscapeDataString(bad))));
        }
    }

    public static TheoryData<string> StudyRoutes =>
    [
        "/api/event-study?symbol=ERIC&eventId=E25&",
        "/api/event-study/chart.png?symbol=ERIC&eventId=E25&",
        "/api/event-study/chart.svg?symbol=ERIC&eventId=E25&",
        "/api/event-study/summary?",
        "/api/event-study/summary.csv?",
        "/api/event-study/aggregate?",
        "/api/event-study/aggregate.csv?",
        "/api/event-study/aggregate/chart.png?",
        "/api/event-study/aggregate/chart.svg?",
    ];

    [Theory]
    [MemberData(nameof(StudyRoutes))]
    public async Task Study_windows_have_the_same_limits_and_messages_on_every_study_route(string route)
    {
        Assert.Equal([("pre", "pre \"31\" must be a whole number from 0 to 30.")], await RefusalsAsync(route + "pre=31&gap=40"));
        Assert.Equal([("post", "post \"-1\" must be a whole number from 0 to 30.")], await RefusalsAsync(route + "post=-1"));
        Assert.Equal([("estimation", "estimation \"29\" must be a whole number from 30 to 500.")], await RefusalsAsync(route + "estimation=29"));
        Assert.Equal([("gap", "gap \"251\" must be a whole number from 0 to 250.")], await RefusalsAsync(route + "gap=251"));
        Assert.Equal([("pre", "pre (8) must not exceed gap (6): the event window would reach into the estimation window, which ends at day -7.")],
            await RefusalsAsync(route + "pre=8&gap=6"));
        Assert.Equal([("returns", "returns \"7\" is not one of simple, log.")], await RefusalsAsync(route + "returns=7"));
    }

    [Theory]
    [InlineData("/api/chart.png?width=abc", "width", "width \"abc\" must be a whole number from 320 to 4000.")]
    [InlineData("/api/chart.png?scale=1.5", "scale", "scale \"1.5\" must be a whole number from 1 to 3.")]
    [InlineData("/api/chart.png?log=yes", "log", "log \"yes\" is not true or false.")]
    [InlineData("/api/event-study/aggregate?strict=1", "strict", "strict \"1\" is not true or false.")]
    [InlineData("/api/series/ERIC/prices?limit=lots", "limit", "limit \"lots\" must be a whole number from 1 to 20000.")]
    [InlineData("/api/annotations/changes?afterSeq=abc", "afterSeq", "afterSeq \"abc\" must be a whole number from 0 to 9223372036854775807.")]
    public async Task A_value_that_does_not_parse_is_a_problem_naming_the_field_never_an_empty_400(string url, string field, string message)
    {
        Assert.Equal([(field, message)], await RefusalsAsync(url));
    }

    [Fact]
    public async Task Every_mistake_of_a_request_is_reported_at_once()
    {
        var fields = (await RefusalsAsync("/api/chart.png?width=1&scale=9&mode=x&from=yesterday")).Select(e => e.Field).Order(StringComparer.Ordinal);

        Assert.Equal(["from", "mode", "scale", "width"], fields);
    }
}
