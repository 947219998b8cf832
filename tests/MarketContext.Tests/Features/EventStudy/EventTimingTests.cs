using MarketContext.Web.Features.Events;

namespace MarketContext.Tests.Features.EventStudy;

public sealed class EventTimingTests
{
    private static PolicyEvent Event(string date, string? firstPublic, string? timeUtc) => new(
        "T1", DateOnly.Parse(date), null, "day", firstPublic is null ? null : DateOnly.Parse(firstPublic), timeUtc,
        "title", "label", "summary", "legal", [], false, null, "", [], [], "high");

    [Fact]
    public void News_without_a_known_time_reacts_on_its_first_public_day()
    {
        Assert.Equal(new DateOnly(2019, 1, 11), EventTiming.ReactionDate(Event("2019-01-08", "2019-01-11", null)));
    }

    [Fact]
    public void News_before_the_US_close_reacts_the_same_day()
    {
        // 19:44 UTC on 2020-04-09 is 15:44 in New York (daylight time, UTC−4): before the 16:00 close.
        Assert.Equal(new DateOnly(2020, 4, 9), EventTiming.ReactionDate(Event("2020-04-09", "2020-04-09", "19:44")));
    }

    [Fact]
    public void News_after_the_US_close_reacts_the_next_day()
    {
        // 20:30 UTC in April is 16:30 in New York: the session has closed.
        Assert.Equal(new DateOnly(2020, 4, 10), EventTiming.ReactionDate(Event("2020-04-09", "2020-04-09", "20:30")));
    }

    [Fact]
    public void The_close_follows_New_York_winter_time()
    {
        // 20:30 UTC in January is 15:30 in New York (standard time, UTC−5): still the same session.
        Assert.Equal(new DateOnly(2020, 1, 28), EventTiming.ReactionDate(Event("2020-01-28", "2020-01-28", "20:30")));
    }

    [Fact]
    public void The_article_itself_reacts_on_its_publication_day_for_US_listings()
    {
        var article = EventCatalogue.All.Single(e => e.Id == "E31");

        Assert.Equal(new DateOnly(2020, 4, 9), EventTiming.ReactionDate(article));
    }
}
