using MarketContext.Web.Features.EventStudy.Battery;

namespace MarketContext.Tests.Features.EventStudy.Battery;

public class NormalAndDescriptiveTests
{
    // Two-sided critical values of the standard normal table.
    [Theory]
    [InlineData(1.959963984540054, 0.05, 1e-13)]
    [InlineData(1.96, 0.05, 1e-4)]
    [InlineData(2.5758293035489004, 0.01, 1e-13)]
    [InlineData(1.6448536269514722, 0.10, 1e-13)]
    [InlineData(3.2905267314919255, 0.001, 1e-14)]
    [InlineData(0.6744897501960817, 0.5, 1e-13)]
    public void Two_sided_p_matches_the_normal_table(double z, double expected, double tolerance)
    {
        Assert.Equal(expected, Normal.TwoSidedPValue(z), tolerance);
        Assert.Equal(expected, Normal.TwoSidedPValue(-z), tolerance);
    }

    [Fact]
    public void Cdf_is_one_half_at_zero_and_matches_known_values_in_both_tails()
    {
        Assert.Equal(0.5, Normal.Cdf(0));
        Assert.Equal(1.0, Normal.TwoSidedPValue(0));
        Assert.Equal(0.15865525393145707, Normal.Cdf(-1), 14);
        Assert.Equal(0.8413447460685429, Normal.Cdf(1), 14);
        // Far tail: P(|Z| ≥ 10) = 1.5239706e-23, kept to relative precision instead of rounding to 0.
        Assert.Equal(1.5239706048321e-23, Normal.TwoSidedPValue(10), 1e-33);
        Assert.Equal(0, Normal.TwoSidedPValue(double.PositiveInfinity));
        Assert.True(double.IsNaN(Normal.Cdf(double.NaN)));
    }

    [Fact]
    public void Ties_share_the_average_of_their_ranks()
    {
        Assert.Equal([4, 1, 2.5, 2.5], Descriptive.AverageRanks([3, 1, 2, 2]));
        Assert.Equal([2, 2, 2], Descriptive.AverageRanks([0, 0, 0]));
        Assert.Equal([1, 3, 2], Descriptive.AverageRanks([-1, 5, 0]));
    }

    [Fact]
    public void Standard_deviation_divides_by_n_minus_one_and_the_median_averages_the_middle_pair()
    {
        Assert.Equal(Math.Sqrt(32.0 / 7), Descriptive.SampleSd([2, 4, 4, 4, 5, 5, 7, 9]), 14);
        Assert.True(double.IsNaN(Descriptive.SampleSd([1])));
        Assert.Equal(0, Descriptive.SampleSd([3, 3, 3]));
        Assert.Equal(2.5, Descriptive.Median([4, 1, 3, 2]));
        Assert.Equal(3, Descriptive.Median([5, 3, 1]));
    }
}
