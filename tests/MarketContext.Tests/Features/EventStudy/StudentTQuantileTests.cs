using MarketContext.Web.Features.EventStudy;

namespace MarketContext.Tests.Features.EventStudy;

public sealed class StudentTQuantileTests
{
    [Theory]
    // Two-sided 5% critical values from a printed t table.
    [InlineData(1, 12.706)]
    [InlineData(10, 2.228)]
    [InlineData(30, 2.042)]
    [InlineData(118, 1.980)]
    public void The_975_percent_quantile_matches_the_t_table(double df, double tableValue)
    {
        Assert.Equal(tableValue, StudentT.InverseCdf(0.975, df), precision: 3);
    }

    [Fact]
    public void The_quantile_is_symmetric_around_zero()
    {
        Assert.Equal(-StudentT.InverseCdf(0.9, 7), StudentT.InverseCdf(0.1, 7), precision: 9);
        Assert.Equal(0, StudentT.InverseCdf(0.5, 7), precision: 9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.5)]
    public void Probabilities_outside_zero_and_one_are_refused(double p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.InverseCdf(p, 10));
    }
}
