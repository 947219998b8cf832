using MarketContext.Web.Features.Calendars;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventStudy;

namespace MarketContext.Tests.Features.EventStudy;

public sealed class ConfounderTests
{
    private static readonly Func<EventMoment, DateOnly?> OnNewYork = moment => DayZeros.ForListing(moment, "XNYS").Day0;

    [Fact]
    public void Nokias_profit_warning_is_a_company_specific_confounder_inside_a_Nokia_window()
    {
        // The US–Estonia declaration (reacting 2019-10-31) has Nokia's 2019-10-24 warning five sessions earlier.
        var found = Confounders.InWindow("E12", "NOK", new DateOnly(2019, 10, 24), new DateOnly(2019, 11, 7), EventCatalogue.All, OnNewYork);

        var warning = Assert.Single(found, c => c.Id == "E11");
        Assert.Equal("company-specific", warning.Kind);
        Assert.DoesNotContain(found, c => c.Id == "E12");
    }

    [Fact]
    public void The_same_shock_is_ordinary_news_for_the_other_vendor()
    {
        var found = Confounders.InWindow("E12", "ERIC", new DateOnly(2019, 10, 24), new DateOnly(2019, 11, 7), EventCatalogue.All, OnNewYork);

        Assert.Equal("event", Assert.Single(found, c => c.Id == "E11").Kind);
    }

    [Fact]
    public void Periods_and_events_outside_the_window_are_not_confounders()
    {
        // P01 (US lobbying tours) spans the whole of 2019; only single-day news counts.
        var found = Confounders.InWindow(null, "ERIC", new DateOnly(2019, 6, 1), new DateOnly(2019, 6, 30), EventCatalogue.All, OnNewYork);

        Assert.Empty(found);
    }
}
