using System.Collections.Concurrent;

namespace MarketContext.Web.Features.EventStudy.Battery;

/// <summary>
/// Wilcoxon's signed-rank test across members. Below <see cref="ExactBelow"/> non-zero members, with its exact
/// distribution: under H0 each non-zero member's sign is a fair coin, so W⁺ is the sum of a random subset of the
/// ranks. Tied ranks are halves, so the distribution is built over doubled ranks, which are whole numbers; without ties
/// it depends only on n and is kept once per n. From <see cref="ExactBelow"/> on, as R's <c>wilcox.test</c> does, the
/// normal approximation with the tie and continuity corrections: the exact distribution costs n³ and its table n², and
/// many members with tied ranks (events sharing a day 0) made one request cost seconds.
/// </summary>
public static class WilcoxonSignedRank
{
    /// <summary>R's default: the exact distribution below 50 non-zero members, the normal approximation from there.</summary>
    public const int ExactBelow = 50;

    private const int MaxTiedPatterns = 256;
    private static readonly ConcurrentDictionary<int, double[]> UntiedDistributions = new();
    private static readonly ConcurrentDictionary<string, double[]> TiedDistributions = new();

    /// <summary>wilcoxon: W⁺ and min(1, 2·min(P(W ≤ w), P(W ≥ w))), zeros dropped, tied |AR| given their average rank.</summary>
    public static TestValue Test(ReadOnlySpan<double> abnormal)
    {
        var nonZero = new List<double>(abnormal.Length);
        foreach (var ar in abnormal)
        {
            if (ar != 0 && double.IsFinite(ar))
            {
                nonZero.Add(ar);
            }
        }
        if (nonZero.Count == 0)
        {
            return new TestValue(0, 1);
        }
        var ranks = Descriptive.AverageRanks([.. nonZero.Select(Math.Abs)]);
        if (ranks.Length >= ExactBelow)
        {
            return Approximate(nonZero, ranks);
        }
        var doubledW = 0;
        var doubled = new int[ranks.Length];
        for (var i = 0; i < ranks.Length; i++)
        {
            doubled[i] = (int)Math.Round(2 * ranks[i]);
            if (nonZero[i] > 0)
            {
                doubledW += doubled[i];
            }
        }
        // The distribution depends only on the multiset of ranks: untied ranks are 1…n, shared by every sample of
        // that size; a pattern of ties (two events on one day 0 tie on every day of the window) recurs too.
        var tied = ranks.Distinct().Count() != ranks.Length;
        var distribution = tied ? TiedDistribution(doubled) : UntiedDistributions.GetOrAdd(ranks.Length, n => Distribution([.. Enumerable.Range(1, n).Select(r => 2 * r)]));
        return new TestValue(doubledW / 2.0, TwoSided(distribution, doubledW));
    }

    /// <summary>P(W⁺ ≤ w) for n untied non-zero members: what a printed table of critical values tabulates.</summary>
    public static double LowerTail(int n, double w)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        // Kept only for the sizes the test itself uses exactly, so the table stays small whatever is asked.
        var distribution = n < ExactBelow
            ? UntiedDistributions.GetOrAdd(n, m => Distribution([.. Enumerable.Range(1, m).Select(r => 2 * r)]))
            : Distribution([.. Enumerable.Range(1, n).Select(r => 2 * r)]);
        var sum = 0.0;
        for (var s = 0; s < distribution.Length && s <= 2 * w; s++)
        {
            sum += distribution[s];
        }
        return Math.Min(1, sum);
    }

    // R: z = (W⁺ − n(n+1)/4 − ½·sign) / σ, σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over the groups of t tied ranks.
    private static TestValue Approximate(List<double> nonZero, double[] ranks)
    {
        double n = ranks.Length, w = 0;
        for (var i = 0; i < ranks.Length; i++)
        {
            w += nonZero[i] > 0 ? ranks[i] : 0;
        }
        var ties = ranks.GroupBy(r => r).Sum(g => Math.Pow(g.Count(), 3) - g.Count());
        var sigma = Math.Sqrt(n * (n + 1) * (2 * n + 1) / 24 - ties / 48);
        var centred = w - n * (n + 1) / 4;
        if (sigma == 0)
        {
            return new TestValue(w, 1);
        }
        var z = (centred - 0.5 * Math.Sign(centred)) / sigma;
        return new TestValue(w, Math.Min(1, 2 * Math.Min(Normal.Cdf(z), Normal.Cdf(-z))));
    }

    private static double[] TiedDistribution(int[] doubledRanks)
    {
        var sorted = doubledRanks.Order().ToArray();
        var key = string.Join(',', sorted);
        if (TiedDistributions.TryGetValue(key, out var known))
        {
            return known;
        }
        if (TiedDistributions.Count >= MaxTiedPatterns)
        {
            TiedDistributions.Clear();
        }
        return TiedDistributions[key] = Distribution(sorted);
    }

    private static double TwoSided(double[] distribution, int doubledW)
    {
        double lower = 0, upper = 0;
        for (var s = 0; s < distribution.Length; s++)
        {
            if (s <= doubledW)
            {
                lower += distribution[s];
            }
            if (s >= doubledW)
            {
                upper += distribution[s];
            }
        }
        return Math.Min(1, 2 * Math.Min(lower, upper));
    }

    // Probability of each sum of doubled ranks when each rank is included with probability 1/2.
    private static double[] Distribution(int[] doubledRanks)
    {
        var total = doubledRanks.Sum();
        var probability = new double[total + 1];
        probability[0] = 1;
        var reach = 0;
        foreach (var r in doubledRanks)
        {
            reach += r;
            for (var s = reach; s >= 0; s--)
            {
                probability[s] = 0.5 * (probability[s] + (s >= r ? probability[s - r] : 0));
            }
        }
        return probability;
    }
}
