using MarketContext.Web.Features.EventStudy;

namespace MarketContext.Tests.Features.EventStudy;

public sealed class SubWindowTests
{
    [Fact]
    public void The_short_window_sums_its_own_days_and_scales_sigma_by_its_own_length()
    {
        var abnormal = new[] { 0.01, -0.02, 0.03, 0.04, -0.01 };
        var rows = abnormal.Select((a, i) => new EventStudyRow(i - 2, new DateOnly(2020, 1, 6).AddDays(i), 0, 0, 0, a, 0)).ToList();
        var result = new EventStudyResult(new DateOnly(2020, 1, 8), 0, 1, 0.02, 30, rows, abnormal.Sum(), 0, 1);

        var window = EventStudyService.SubWindow(result, -1, 1);

        // Days −1, 0, +1: −0.02 + 0.03 + 0.04 = 0.05; t = 0.05 / (0.02·√3) = 1.4434
        Assert.Equal(0.05, window.Car, precision: 12);
        Assert.Equal(1.443376, window.TStat, precision: 5);
        Assert.Equal(StudentT.TwoSidedPValue(1.443376, 28), window.PValue, precision: 5);
        Assert.InRange(window.PValue, 0.15, 0.17);
    }

    [Theory]
    [InlineData(0.005, "***")]
    [InlineData(0.03, "**")]
    [InlineData(0.07, "*")]
    [InlineData(0.2, "")]
    public void Significance_stars_follow_the_usual_thresholds(double p, string stars)
    {
        Assert.Equal(stars, Significance.Stars(p));
    }

    [Fact]
    public void A_tiny_p_value_never_prints_as_zero()
    {
        Assert.Equal("< 0.001", Significance.FormatP(0.0000017));
        Assert.Equal("= 0.043", Significance.FormatP(0.0431));
    }
}
