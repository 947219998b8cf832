using MarketContext.Web.Features.EventStudy;

namespace MarketContext.Tests.Features.EventStudy;

public class StudentTTests
{
    // Critical values from standard t and normal tables (97.5% and 99.5% quantiles).
    [Theory]
    [InlineData(2.2281388519649385, 10, 0.05, 1e-10)]
    [InlineData(12.706204736174705, 1, 0.05, 1e-12)]
    [InlineData(2.228, 10, 0.05, 1e-4)]
    [InlineData(12.706, 1, 0.05, 1e-4)]
    [InlineData(1.959963984540054, 100_000, 0.05, 1e-5)]
    [InlineData(1.96, 100_000, 0.05, 1e-4)]
    [InlineData(2.5758293035489004, 100_000, 0.01, 1e-5)]
    [InlineData(2.576, 100_000, 0.01, 1e-4)]
    [InlineData(2.0859634472658644, 20, 0.05, 1e-10)]
    public void Two_sided_p_value_matches_table_critical_values(double t, double degreesOfFreedom, double expected, double tolerance)
    {
        Assert.Equal(expected, StudentT.TwoSidedPValue(t, degreesOfFreedom), tolerance);
        Assert.Equal(expected, StudentT.TwoSidedPValue(-t, degreesOfFreedom), tolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(10_000)]
    public void Zero_t_has_p_value_one_and_cdf_one_half(double degreesOfFreedom)
    {
        Assert.Equal(1.0, StudentT.TwoSidedPValue(0, degreesOfFreedom));
        Assert.Equal(0.5, StudentT.Cdf(0, degreesOfFreedom));
    }

    [Theory]
    [InlineData(0.3, 1)]
    [InlineData(1.7, 4)]
    [InlineData(2.5, 30)]
    [InlineData(4, 118)]
    [InlineData(0.01, 10_000)]
    [InlineData(6, 10_000)]
    public void Cdf_is_symmetric_about_zero(double t, double degreesOfFreedom)
    {
        Assert.Equal(1.0, StudentT.Cdf(t, degreesOfFreedom) + StudentT.Cdf(-t, degreesOfFreedom), 1e-15);
        Assert.Equal(2 * StudentT.Cdf(-Math.Abs(t), degreesOfFreedom), StudentT.TwoSidedPValue(t, degreesOfFreedom), 1e-15);
    }

    [Theory]
    [InlineData(-1000)]
    [InlineData(-3)]
    [InlineData(-0.25)]
    [InlineData(0.001)]
    [InlineData(1)]
    [InlineData(12.706)]
    [InlineData(1e6)]
    public void Cdf_with_one_degree_of_freedom_is_the_cauchy_distribution(double t)
    {
        Assert.Equal(0.5 + Math.Atan(t) / Math.PI, StudentT.Cdf(t, 1), 1e-12);
    }

    [Theory]
    [InlineData(-4)]
    [InlineData(-0.5)]
    [InlineData(0.2)]
    [InlineData(2.92)]
    [InlineData(40)]
    public void Cdf_with_two_degrees_of_freedom_matches_its_closed_form(double t)
    {
        Assert.Equal(0.5 + t / (2 * Math.Sqrt(2 + t * t)), StudentT.Cdf(t, 2), 1e-12);
    }

    [Theory]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.5)]
    [InlineData(5, 1)]
    [InlineData(10, 2)]
    [InlineData(30, 3)]
    [InlineData(101, 2)]
    [InlineData(118, 1.2)]
    [InlineData(1000, 2.5)]
    [InlineData(1000, 5)]
    [InlineData(9999, 0.3)]
    [InlineData(9999, 1.96)]
    [InlineData(10_000, 1.96)]
    [InlineData(10_000, 4)]
    public void Two_sided_p_value_matches_the_finite_series_for_integer_degrees_of_freedom(int degreesOfFreedom, double t)
    {
        Assert.Equal(FiniteSeriesTwoSidedPValue(t, degreesOfFreedom), StudentT.TwoSidedPValue(t, degreesOfFreedom), 1e-10);
    }

    [Fact]
    public void Infinite_t_has_p_value_zero()
    {
        Assert.Equal(0.0, StudentT.TwoSidedPValue(double.PositiveInfinity, 5));
        Assert.Equal(1.0, StudentT.Cdf(double.PositiveInfinity, 5));
        Assert.Equal(0.0, StudentT.Cdf(double.NegativeInfinity, 5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_positive_or_non_finite_degrees_of_freedom_are_rejected(double degreesOfFreedom)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Cdf(1, degreesOfFreedom));
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.TwoSidedPValue(1, degreesOfFreedom));
    }

    // Abramowitz & Stegun 26.7.3–26.7.4: A(t|ν) = P(|T| < t) as a finite trigonometric series in θ = atan(t/√ν).
    private static double FiniteSeriesTwoSidedPValue(double t, int degreesOfFreedom)
    {
        var theta = Math.Atan(Math.Abs(t) / Math.Sqrt(degreesOfFreedom));
        var sin = Math.Sin(theta);
        var cos = Math.Cos(theta);
        var cosSquared = cos * cos;
        double inside;
        if (degreesOfFreedom % 2 == 0)
        {
            // sinθ · [1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3…(ν−3))/(2·4…(ν−2))cos^(ν−2)θ]
            double term = 1, sum = 1;
            for (var k = 1; k <= (degreesOfFreedom - 2) / 2; k++)
            {
                term *= (2.0 * k - 1) / (2.0 * k) * cosSquared;
                sum += term;
            }

            inside = sin * sum;
        }
        else
        {
            // (2/π) · [θ + sinθ · (cosθ + (2/3)cos³θ + … + (2·4…(ν−3))/(1·3…(ν−2))cos^(ν−2)θ)]
            double sum = 0;
            if (degreesOfFreedom > 1)
            {
                double term = cos;
                sum = term;
                for (var k = 1; k <= (degreesOfFreedom - 3) / 2; k++)
                {
                    term *= 2.0 * k / (2.0 * k + 1) * cosSquared;
                    sum += term;
                }
            }

            inside = 2 / Math.PI * (theta + sin * sum);
        }

        return 1 - inside;
    }
}
