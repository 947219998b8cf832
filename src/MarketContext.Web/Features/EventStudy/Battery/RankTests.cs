namespace MarketContext.Web.Features.EventStudy.Battery;

/// <summary>Corrado's rank test, Corrado–Zivney's modified rank test and Cowan's window rank test, ranking over estimation ∪ window.</summary>
public static class RankTests
{
    /// <summary>corradoRank on every day of D: K̄_t = mean_i (K_it − mean_D K_i) over √(Σ_D K̄_t² / |D|).</summary>
    public static double[] CorradoRankStatistics(IReadOnlyList<double[]> ranks) =>
        SignTests.ScaledBySpread([.. ranks.Select(Centred)], (sum, n) => sum / n);

    /// <summary>modifiedRank on every day of D: U = K/(|D| + 1) − 1/2, Σ_i U_it / √N over its root mean square over D.</summary>
    public static double[] ModifiedRankStatistics(IReadOnlyList<double[]> ranks) =>
        SignTests.ScaledBySpread([.. ranks.Select(k => k.Select(r => r / (k.Length + 1.0) - 0.5).ToArray())], (sum, n) => sum / Math.Sqrt(n));

    /// <summary>
    /// cowanRank over the window days [windowStart, windowStart + windowLength) of D:
    /// √L_W · (mean_{i,τ∈W} K_iτ − K̄) / √(Σ_D (mean_i K_it − K̄)² / |D|), K̄ the mean of all ranks over D.
    /// </summary>
    public static double CowanRankStatistic(IReadOnlyList<double[]> ranks, int windowStart, int windowLength)
    {
        if (ranks.Count == 0 || windowLength == 0)
        {
            return double.NaN;
        }
        var length = ranks[0].Length;
        var dailyMean = new double[length];
        var overall = 0.0;
        for (var t = 0; t < length; t++)
        {
            foreach (var member in ranks)
            {
                dailyMean[t] += member[t];
            }
            dailyMean[t] /= ranks.Count;
            overall += dailyMean[t];
        }
        overall /= length;
        var squares = 0.0;
        foreach (var m in dailyMean)
        {
            squares += (m - overall) * (m - overall);
        }
        var windowMean = 0.0;
        for (var t = windowStart; t < windowStart + windowLength; t++)
        {
            windowMean += dailyMean[t];
        }
        windowMean /= windowLength;
        return Math.Sqrt(windowLength) * (windowMean - overall) / Math.Sqrt(squares / length);
    }

    private static double[] Centred(double[] ranks)
    {
        var mean = Descriptive.Mean(ranks);
        return [.. ranks.Select(k => k - mean)];
    }
}
