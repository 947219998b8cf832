using MarketContext.Web.Features.EventStudy.Battery;

namespace MarketContext.Tests.Features.EventStudy.Battery;

public class WilcoxonAndAdjustmentTests
{
    // Two-sided α = 0.05 critical values of the signed-rank statistic from the printed table: reject when W ≤ c,
    // so P(W ≤ c) is at most 0.025 and P(W ≤ c + 1) is above it.
    [Theory]
    [InlineData(6, 0)]
    [InlineData(7, 2)]
    [InlineData(8, 3)]
    [InlineData(9, 5)]
    [InlineData(10, 8)]
    [InlineData(12, 13)]
    [InlineData(15, 25)]
    [InlineData(20, 52)]
    public void Exact_distribution_reproduces_the_table_of_critical_values(int n, int critical)
    {
        Assert.True(WilcoxonSignedRank.LowerTail(n, critical) <= 0.025);
        Assert.True(WilcoxonSignedRank.LowerTail(n, critical + 1) > 0.025);
    }

    [Fact]
    public void Exact_probabilities_for_ten_members_are_counts_over_1024()
    {
        Assert.Equal(25.0 / 1024, WilcoxonSignedRank.LowerTail(10, 8), 15);
        Assert.Equal(33.0 / 1024, WilcoxonSignedRank.LowerTail(10, 9), 15);
        Assert.Equal(1.0, WilcoxonSignedRank.LowerTail(10, 55), 15);
    }

    [Fact]
    public void All_positive_members_give_the_largest_w_and_twice_its_tail()
    {
        var test = WilcoxonSignedRank.Test([0.01, 0.02, 0.03, 0.04, 0.05]);

        Assert.Equal(15, test.Statistic);
        Assert.Equal(2.0 / 32, test.PValue!.Value, 15);
    }

    [Fact]
    public void Zeros_are_dropped_and_all_zero_members_give_p_one()
    {
        var test = WilcoxonSignedRank.Test([0, 0.01, 0.02]);
        Assert.Equal(3, test.Statistic);
        Assert.Equal(0.5, test.PValue!.Value, 15);

        Assert.Equal(new TestValue(0, 1), WilcoxonSignedRank.Test([0, 0]));
    }

    [Fact]
    public void Tied_magnitudes_share_a_rank_and_the_distribution_follows_the_tied_ranks()
    {
        // |AR| = 1, 1, 2 rank 1.5, 1.5, 3; W⁺ = 1.5 + 3. Of the 8 sign patterns, 7 give W ≤ 4.5 and 3 give W ≥ 4.5.
        var test = WilcoxonSignedRank.Test([0.01, -0.01, 0.02]);

        Assert.Equal(4.5, test.Statistic);
        Assert.Equal(2 * 3 / 8.0, test.PValue!.Value, 15);
    }

    [Fact]
    public void Kolari_pynnonen_averages_pairwise_correlations_counting_pairs_without_shared_days_as_zero()
    {
        DateOnly[] january = [.. Enumerable.Range(1, 5).Select(d => new DateOnly(2020, 1, d))];
        DateOnly[] march = [.. Enumerable.Range(1, 5).Select(d => new DateOnly(2020, 3, d))];
        double[] values = [0.01, -0.02, 0.03, 0.00, -0.01];

        var meanCorrelation = KolariPynnonen.MeanCorrelation([(january, values), (january, [.. values.Select(v => 2 * v + 0.001)]), (march, values)]);

        Assert.Equal(1.0 / 3, meanCorrelation, 12);
        var adjusted = KolariPynnonen.Adjust(new TestValue(3, 0.01), meanCorrelation, 3);
        Assert.Equal(3 * Math.Sqrt((2.0 / 3) / (1 + 2.0 / 3)), adjusted.Statistic!.Value, 12);
        Assert.Equal(Web.Features.EventStudy.StudentT.TwoSidedPValue(adjusted.Statistic.Value, 2), adjusted.PValue!.Value, 14);
    }

    [Fact]
    public void Kolari_pynnonen_is_undefined_for_perfectly_correlated_or_opposed_pairs()
    {
        DateOnly[] days = [.. Enumerable.Range(1, 5).Select(d => new DateOnly(2020, 1, d))];
        double[] values = [0.01, -0.02, 0.03, 0.00, -0.01];

        var opposed = KolariPynnonen.MeanCorrelation([(days, values), (days, [.. values.Select(v => -v)])]);
        Assert.Equal(-1, opposed, 12);
        Assert.Equal(TestValue.Undefined, KolariPynnonen.Adjust(new TestValue(3, 0.01), opposed, 2));
        Assert.Equal(TestValue.Undefined, KolariPynnonen.Adjust(new TestValue(3, 0.01), 1, 2));
    }

    [Fact]
    public void Benjamini_hochberg_q_values_match_hand_worked_and_published_examples()
    {
        Assert.Equal([0.02, 0.04, 0.04, 0.02], BenjaminiHochberg.QValues([0.01, 0.04, 0.03, 0.005]).Select(q => Math.Round(q!.Value, 12)));
        // R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "BH") is 0.05 for every test.
        Assert.All(BenjaminiHochberg.QValues([0.01, 0.02, 0.03, 0.04, 0.05]), q => Assert.Equal(0.05, q!.Value, 12));
        Assert.Equal([null, 0.5, 0.9], BenjaminiHochberg.QValues([null, 0.25, 0.9]));
    }

    // 60 members ranked 1…60, those ranked 31…50 negative: W⁺ = 1020, and by hand (R's formula, as wilcox.test computes
    // for 50 members or more) z = (1020 − 915 − 0.5) / √(60·61·121/24) = 0.76929, p = erfc(z/√2) = 0.441723.
    [Fact]
    public void From_fifty_members_the_p_value_is_R_s_normal_approximation_and_near_the_exact_one()
    {
        double[] abnormal = [.. Enumerable.Range(1, 60).Select(r => r is >= 31 and <= 50 ? -r / 1000.0 : r / 1000.0)];

        var test = WilcoxonSignedRank.Test(abnormal);

        Assert.Equal(1020, test.Statistic!.Value);
        Assert.Equal(0.441723, test.PValue!.Value, 5);
        Assert.Equal(2 * (1 - WilcoxonSignedRank.LowerTail(60, 1019)), test.PValue!.Value, 2);
    }

    // 800 members whose |AR| tie in groups of 8 (events sharing a day 0): the exact distribution over doubled ranks
    // would cost n³ per day; each distinct pattern of ties has to be built afresh, so the cache cannot hide it.
    [Fact]
    public void Many_members_with_tied_ranks_cost_milliseconds_not_seconds()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var pattern = 0; pattern < 20; pattern++)
        {
            double[] abnormal = [.. Enumerable.Range(0, 800).Select(i => (i / 8 + 1 + pattern * 1000) * (i % 3 == 0 ? -1e-5 : 1e-5))];

            Assert.InRange(WilcoxonSignedRank.Test(abnormal).PValue!.Value, 0, 1);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"20 tests of 800 tied members took {watch.Elapsed.TotalMilliseconds:0} ms.");
    }
}
