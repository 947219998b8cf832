namespace MarketContext.Web.Features.EventStudy.Battery;

/// <summary>
/// The standard normal distribution through the regularized upper incomplete gamma function:
/// P(|Z| ≥ z) = erfc(z/√2) = Q(1/2, z²/2), accurate to about 1e-15 without tabulated coefficients.
/// </summary>
public static class Normal
{
    private const int MaxTerms = 10_000;
    private const double Epsilon = 1e-16;
    private const double Tiny = 1e-300;
    private static readonly double LogGammaHalf = 0.5 * Math.Log(Math.PI);

    /// <summary>P(Z ≤ z).</summary>
    public static double Cdf(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }
        var tail = 0.5 * TwoSidedPValue(z);
        return z >= 0 ? 1.0 - tail : tail;
    }

    /// <summary>P(|Z| ≥ |z|).</summary>
    public static double TwoSidedPValue(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }
        if (double.IsInfinity(z))
        {
            return 0.0;
        }
        var x = 0.5 * z * z;
        return x < 1.5 ? 1.0 - LowerSeries(x) : UpperContinuedFraction(x);
    }

    // P(1/2, x) by its power series; converges fast for x below a + 1.
    private static double LowerSeries(double x)
    {
        if (x == 0)
        {
            return 0.0;
        }
        const double a = 0.5;
        double term = 1.0 / a, sum = term, ap = a;
        for (var n = 0; n < MaxTerms && Math.Abs(term) > Math.Abs(sum) * Epsilon; n++)
        {
            ap += 1.0;
            term *= x / ap;
            sum += term;
        }
        return sum * Math.Exp(-x + a * Math.Log(x) - LogGammaHalf);
    }

    // Q(1/2, x) by its continued fraction (modified Lentz); converges fast for x above a + 1.
    private static double UpperContinuedFraction(double x)
    {
        const double a = 0.5;
        var b = x + 1.0 - a;
        var c = 1.0 / Tiny;
        var d = 1.0 / b;
        var h = d;
        for (var i = 1; i <= MaxTerms; i++)
        {
            var an = -i * (i - a);
            b += 2.0;
            d = an * d + b;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = b + an / c;
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1.0 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1.0) < Epsilon)
            {
                break;
            }
        }
        return Math.Exp(-x + a * Math.Log(x) - LogGammaHalf) * h;
    }
}
