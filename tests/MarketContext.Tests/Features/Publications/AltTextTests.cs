using MarketContext.Web.Features.Publications;

namespace MarketContext.Tests.Features.Publications;

public sealed class AltTextTests
{
    [Fact]
    public void A_study_says_how_far_the_stock_moved_beyond_the_market_model_in_plain_words()
    {
        var words = AltText.ForStudy("ERIC", "Ericsson's ADR", "E25 UK decision", new DateOnly(2020, 7, 14), 1, 1, -0.0312, 0.0412);

        Assert.Equal("Ericsson's ADR (ERIC) fell 3.1% more than the market model predicted over the three trading days around E25 UK decision "
            + "(day 0 2020-07-14, p = 0.04).", words);
    }

    [Theory]
    [InlineData(0.0004, "p < 0.001")]
    [InlineData(0.0042, "p = 0.004")]
    [InlineData(0.5, "p = 0.50")]
    public void A_rise_is_said_as_one_and_p_never_prints_as_zero(double p, string said)
    {
        var words = AltText.ForStudy("NOK", "NOK", "2020-01-28", new DateOnly(2020, 1, 28), 5, 5, 0.021, p);

        Assert.Equal($"NOK rose 2.1% more than the market model predicted over the eleven trading days around 2020-01-28 (day 0 2020-01-28, {said}).", words);
    }

    [Fact]
    public void A_chart_gives_each_series_change_over_its_range()
    {
        var words = AltText.ForChart(
            [new("ERIC", "Ericsson", 10, 8.77), new("NOK", "Nokia", 4, 4.16), new("QQQ", "QQQ", 200, 200.05)],
            new DateOnly(2019, 1, 2), new DateOnly(2020, 6, 30), "adjusted close");

        Assert.Equal("Ericsson (ERIC) fell 12.3%, Nokia (NOK) rose 4.0% and QQQ was unchanged from 2019-01-02 to 2020-06-30 (daily adjusted close).", words);
    }

    [Fact]
    public void An_event_time_chart_names_its_series_events_and_window()
    {
        var words = AltText.ForEventTime([("ERIC", "Ericsson"), ("NOK", "Nokia")], ["E11 Vodafone HU 5G", "E25 UK decision"], 10, average: true);

        Assert.Equal("Ericsson (ERIC) and Nokia (NOK) in event time: ten trading days either side of day 0 of E11 Vodafone HU 5G and E25 UK decision, "
            + "each line the average path over the events.", words);
    }

    [Fact]
    public void A_study_across_events_gives_the_pooled_CAAR_and_its_test()
    {
        var words = AltText.ForAggregate(68, ["ERIC", "NOK"], "all dated events", 5, 5, -0.0123, "BMP", 0.031);

        Assert.Equal("Across 68 members (ERIC and NOK, all dated events), the pooled cumulative average abnormal return over days −5 to +5 was −1.2% "
            + "(BMP test, p = 0.03).", words);
    }

    [Fact]
    public void A_study_across_events_without_a_tested_member_says_so()
    {
        var words = AltText.ForAggregate(0, ["ERIC"], "the US pressure events", 1, 2, null, null, null);

        Assert.Equal("No member of the study across the US pressure events (ERIC) had enough data to be tested over days −1 to +2.", words);
    }
}
