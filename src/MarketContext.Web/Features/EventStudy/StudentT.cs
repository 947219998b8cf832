namespace MarketContext.Web.Features.EventStudy;

/// <summary>Student's t distribution, evaluated through the regularized incomplete beta function.</summary>
public static class StudentT
{
    private const int MaxContinuedFractionTerms = 10_000;
    private const double ContinuedFractionEpsilon = 1e-15;
    private const double Tiny = 1e-300;

    // Lanczos approximation, g = 7, n = 9: relative error around 1e-15 for positive arguments.
    private const double LanczosG = 7.0;
    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2.0 * Math.PI);

    /// <summary>P(T ≤ t) for T with the given degrees of freedom.</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        EnsureValidDegreesOfFreedom(degreesOfFreedom);
        if (double.IsNaN(t))
        {
            return double.NaN;
        }

        var tail = 0.5 * TwoSidedTail(t, degreesOfFreedom);
        return t >= 0 ? 1.0 - tail : tail;
    }

    /// <summary>P(|T| ≥ |t|) for T with the given degrees of freedom.</summary>
    public static double TwoSidedPValue(double t, double degreesOfFreedom)
    {
        EnsureValidDegreesOfFreedom(degreesOfFreedom);
        return double.IsNaN(t) ? double.NaN : TwoSidedTail(t, degreesOfFreedom);
    }

    /// <summary>The t with P(T ≤ t) = p, found by bisection on <see cref="Cdf"/> (monotone, so always converges).</summary>
    public static double InverseCdf(double p, double degreesOfFreedom)
    {
        EnsureValidDegreesOfFreedom(degreesOfFreedom);
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The probability must lie strictly between 0 and 1.");
        }
        double low = -1, high = 1;
        while (Cdf(low, degreesOfFreedom) > p)
        {
            low *= 2;
        }
        while (Cdf(high, degreesOfFreedom) < p)
        {
            high *= 2;
        }
        for (var i = 0; i < 200 && high - low > 1e-12 * Math.Max(1, Math.Abs(high)); i++)
        {
            var mid = (low + high) / 2;
            if (Cdf(mid, degreesOfFreedom) < p)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    private static void EnsureValidDegreesOfFreedom(double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0) || double.IsPositiveInfinity(degreesOfFreedom))
        {
            throw new ArgumentOutOfRangeException(
                nameof(degreesOfFreedom),
                degreesOfFreedom,
                "Degrees of freedom must be a positive finite number.");
        }
    }

    // P(|T| ≥ |t|) = I_x(ν/2, 1/2) with x = ν / (ν + t²).
    private static double TwoSidedTail(double t, double degreesOfFreedom)
    {
        if (t == 0)
        {
            return 1.0;
        }

        if (double.IsInfinity(t))
        {
            return 0.0;
        }

        var tSquared = t * t;
        var denominator = degreesOfFreedom + tSquared;
        // Both x and 1 − x are formed directly so that neither loses digits to cancellation.
        var x = degreesOfFreedom / denominator;
        var oneMinusX = tSquared / denominator;
        return RegularizedIncompleteBeta(0.5 * degreesOfFreedom, 0.5, x, oneMinusX);
    }

    private static double RegularizedIncompleteBeta(double a, double b, double x, double oneMinusX)
    {
        if (x <= 0)
        {
            return 0.0;
        }

        if (oneMinusX <= 0)
        {
            return 1.0;
        }

        var logFront = a * Math.Log(x) + b * Math.Log(oneMinusX) - LogBeta(a, b);
        var front = Math.Exp(logFront);

        // The continued fraction converges quickly only on this side of the mean; use the symmetry
        // I_x(a, b) = 1 − I_{1−x}(b, a) on the other side.
        return x < (a + 1.0) / (a + b + 2.0)
            ? front * ContinuedFraction(a, b, x) / a
            : 1.0 - front * ContinuedFraction(b, a, oneMinusX) / b;
    }

    // Modified Lentz evaluation of the incomplete beta continued fraction.
    private static double ContinuedFraction(double a, double b, double x)
    {
        var sum = a + b;
        var aPlusOne = a + 1.0;
        var aMinusOne = a - 1.0;

        var c = 1.0;
        var d = 1.0 / NonZero(1.0 - sum * x / aPlusOne);
        var h = d;

        // One Lentz step for a term's coefficient: the factor by which it changes the fraction's value.
        double Step(double coefficient)
        {
            d = 1.0 / NonZero(1.0 + coefficient * d);
            c = NonZero(1.0 + coefficient / c);
            return d * c;
        }

        for (var m = 1; m <= MaxContinuedFractionTerms; m++)
        {
            var twoM = 2 * m;
            h *= Step(m * (b - m) * x / ((aMinusOne + twoM) * (a + twoM)));
            var delta = Step(-(a + m) * (sum + m) * x / ((a + twoM) * (aPlusOne + twoM)));
            h *= delta;
            if (Math.Abs(delta - 1.0) < ContinuedFractionEpsilon)
            {
                return h;
            }
        }

        return h;
    }

    private static double NonZero(double value) => Math.Abs(value) < Tiny ? Tiny : value;

    private static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    private static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1.0 - x);
        }

        x -= 1.0;
        var series = LanczosCoefficients[0];
        for (var i = 1; i < LanczosCoefficients.Length; i++)
        {
            series += LanczosCoefficients[i] / (x + i);
        }

        var shifted = x + LanczosG + 0.5;
        return HalfLogTwoPi + (x + 0.5) * Math.Log(shifted) - shifted + Math.Log(series);
    }
}
