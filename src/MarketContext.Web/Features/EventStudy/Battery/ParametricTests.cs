namespace MarketContext.Web.Features.EventStudy.Battery;

/// <summary>The parametric tests of the battery (Brown &amp; Warner, Patell, Boehmer–Musumeci–Poulsen, the cross-sectional t).</summary>
public static class ParametricTests
{
    /// <summary>brownWarner1980: AAR / (√(Σ s_i²) / N), Student t with T − 1 degrees of freedom.</summary>
    public static TestValue BrownWarner1980(ReadOnlySpan<double> abnormal, ReadOnlySpan<double> sigmas, int estimationLength)
    {
        if (abnormal.IsEmpty || abnormal.Length != sigmas.Length)
        {
            return TestValue.Undefined;
        }
        var variance = 0.0;
        foreach (var s in sigmas)
        {
            variance += s * s;
        }
        return TestValue.StudentT(Descriptive.Mean(abnormal) / (Math.Sqrt(variance) / abnormal.Length), estimationLength - 1);
    }

    /// <summary>brownWarner1985: AAR over the standard deviation (n − 1) of the AAR series of the estimation window, t with T − 1 df.</summary>
    public static TestValue BrownWarner1985(double aar, ReadOnlySpan<double> estimationAar) =>
        TestValue.StudentT(aar / Descriptive.SampleSd(estimationAar), estimationAar.Length - 1);

    /// <summary>The statistic of <see cref="BrownWarner1985"/> alone, NaN where undefined.</summary>
    public static double BrownWarner1985Statistic(double aar, ReadOnlySpan<double> estimationAar) =>
        aar / Descriptive.SampleSd(estimationAar);

    /// <summary>mean / (sd(n − 1) / √N), Student t with N − 1 df: tTest on ARs or CARs, BMP on SARs or CSARs.</summary>
    public static TestValue CrossSectionalT(ReadOnlySpan<double> values) =>
        values.Length < 2
            ? TestValue.Undefined
            : TestValue.StudentT(Descriptive.Mean(values) / (Descriptive.SampleSd(values) / Math.Sqrt(values.Length)), values.Length - 1);

    /// <summary>patell: Σ standardised values / √(N·(T − 2)/(T − 4)), standard normal; undefined for T ≤ 4.</summary>
    public static TestValue Patell(ReadOnlySpan<double> standardised, int estimationLength)
    {
        if (standardised.IsEmpty || estimationLength <= 4)
        {
            return TestValue.Undefined;
        }
        var sum = 0.0;
        foreach (var v in standardised)
        {
            sum += v;
        }
        return TestValue.StandardNormal(sum / Math.Sqrt(standardised.Length * (estimationLength - 2.0) / (estimationLength - 4.0)));
    }
}
