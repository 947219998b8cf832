namespace MarketContext.Web.Features.EventStudy.Battery;

/// <summary>Sign tests: the plain one, Cowan's generalized sign test, and Corrado's sign test over estimation ∪ window.</summary>
public static class SignTests
{
    /// <summary>sign: (N⁺ − N/2) / √(N/4), N⁺ the members with AR &gt; 0; standard normal.</summary>
    public static TestValue Sign(ReadOnlySpan<double> abnormal) =>
        abnormal.IsEmpty ? TestValue.Undefined : TestValue.StandardNormal((Positives(abnormal) - abnormal.Length / 2.0) / Math.Sqrt(abnormal.Length / 4.0));

    /// <summary>generalizedSign: (N⁺ − N·p̂) / √(N·p̂·(1 − p̂)); standard normal. Undefined when p̂ is 0 or 1.</summary>
    public static TestValue GeneralizedSign(ReadOnlySpan<double> abnormal, double positiveShare)
    {
        var n = abnormal.Length;
        return n == 0 ? TestValue.Undefined
            : TestValue.StandardNormal((Positives(abnormal) - n * positiveShare) / Math.Sqrt(n * positiveShare * (1 - positiveShare)));
    }

    /// <summary>p̂ of the generalized sign test: the share of AR &gt; 0 over every member's estimation days.</summary>
    public static double PositiveShare(IEnumerable<double[]> estimationAbnormal)
    {
        long positive = 0, all = 0;
        foreach (var member in estimationAbnormal)
        {
            positive += Positives(member);
            all += member.Length;
        }
        return all == 0 ? double.NaN : (double)positive / all;
    }

    /// <summary>
    /// corradoSign on every day t of D, from each member's G = sign(AR − median over D): S_t = Σ_i G_it / √N over
    /// √(Σ_D S_t² / |D|). All members must share the same D.
    /// </summary>
    public static double[] CorradoSignStatistics(IReadOnlyList<double[]> signs) => ScaledBySpread(signs, (sum, n) => sum / Math.Sqrt(n));

    /// <summary>Per day of D, a cross-member aggregate of one value per member, divided by the root mean square of that aggregate over D.</summary>
    internal static double[] ScaledBySpread(IReadOnlyList<double[]> perMember, Func<double, int, double> aggregate)
    {
        if (perMember.Count == 0)
        {
            return [];
        }
        var length = perMember[0].Length;
        var daily = new double[length];
        for (var t = 0; t < length; t++)
        {
            var sum = 0.0;
            foreach (var member in perMember)
            {
                sum += member[t];
            }
            daily[t] = aggregate(sum, perMember.Count);
        }
        var squares = 0.0;
        foreach (var v in daily)
        {
            squares += v * v;
        }
        var spread = Math.Sqrt(squares / length);
        for (var t = 0; t < length; t++)
        {
            daily[t] /= spread;
        }
        return daily;
    }

    private static int Positives(ReadOnlySpan<double> values)
    {
        var count = 0;
        foreach (var v in values)
        {
            if (v > 0)
            {
                count++;
            }
        }
        return count;
    }
}
