using MarketContext.Web.Features.EventStudy.Battery;

namespace MarketContext.Tests.Features.EventStudy.Battery;

public class ParametricAndSignTests
{
    [Fact]
    public void Cross_sectional_t_of_one_two_three_is_two_root_three_with_two_degrees_of_freedom()
    {
        var test = ParametricTests.CrossSectionalT([1, 2, 3]);

        Assert.Equal(2 * Math.Sqrt(3), test.Statistic!.Value, 12);
        // With 2 degrees of freedom the two-sided p is 1 − t/√(t² + 2) in closed form.
        Assert.Equal(1 - 2 * Math.Sqrt(3) / Math.Sqrt(14), test.PValue!.Value, 12);
    }

    [Fact]
    public void Cross_sectional_t_is_undefined_for_one_member_or_no_spread()
    {
        Assert.Equal(TestValue.Undefined, ParametricTests.CrossSectionalT([0.01]));
        Assert.Equal(TestValue.Undefined, ParametricTests.CrossSectionalT([0.01, 0.01, 0.01]));
        Assert.Equal(TestValue.Undefined, ParametricTests.CrossSectionalT([0, 0]));
    }

    [Fact]
    public void Brown_warner_1980_divides_the_aar_by_the_root_sum_of_variances_over_n()
    {
        var test = ParametricTests.BrownWarner1980([0.01, 0.03], [0.02, 0.02], estimationLength: 11);

        Assert.Equal(0.02 / (Math.Sqrt(0.0008) / 2), test.Statistic!.Value, 12);
        Assert.Equal(Web.Features.EventStudy.StudentT.TwoSidedPValue(Math.Sqrt(2), 10), test.PValue!.Value, 14);
    }

    [Fact]
    public void Brown_warner_1985_divides_by_the_spread_of_the_estimation_aar()
    {
        var test = ParametricTests.BrownWarner1985(0.02, [0.01, -0.01, 0.01, -0.01]);

        Assert.Equal(0.02 / Math.Sqrt(4e-4 / 3), test.Statistic!.Value, 10);
        Assert.Equal(Web.Features.EventStudy.StudentT.TwoSidedPValue(test.Statistic.Value, 3), test.PValue!.Value, 14);
    }

    [Fact]
    public void Patell_scales_the_sum_of_sars_by_the_variance_of_a_t_variable()
    {
        var test = ParametricTests.Patell([1, 2, 3], estimationLength: 6);

        Assert.Equal(6 / Math.Sqrt(3 * 4 / 2.0), test.Statistic!.Value, 12);
        Assert.Equal(Normal.TwoSidedPValue(test.Statistic.Value), test.PValue!.Value, 15);
        Assert.Equal(TestValue.Undefined, ParametricTests.Patell([1, 2], estimationLength: 4));
    }

    [Fact]
    public void Sign_test_when_all_members_are_positive_and_when_some_are_zero()
    {
        var allPositive = SignTests.Sign([0.01, 0.02, 0.03, 0.04]);
        Assert.Equal(2, allPositive.Statistic);
        Assert.Equal(0.04550026389635842, allPositive.PValue!.Value, 13);

        // Zero returns are not positive: one of four is, so (1 − 2)/1.
        Assert.Equal(-1, SignTests.Sign([0, 0.1, -0.1, 0]).Statistic);
    }

    [Fact]
    public void Generalized_sign_test_compares_with_the_estimation_windows_share_of_positive_days()
    {
        Assert.Equal(0.5, SignTests.PositiveShare([[0.01, -0.01, 0], [0.02]]));
        Assert.Equal(1, SignTests.GeneralizedSign([0.1, 0.2, -0.1, 0.3], 0.5).Statistic!.Value, 14);
        Assert.Equal((4 - 4 * 0.8) / Math.Sqrt(4 * 0.8 * 0.2), SignTests.GeneralizedSign([0.1, 0.2, 0.1, 0.3], 0.8).Statistic!.Value, 12);
        Assert.Equal(TestValue.Undefined, SignTests.GeneralizedSign([0.1, 0.2], 1.0));
    }

    [Fact]
    public void Corrado_sign_sums_the_signs_across_members_and_scales_by_their_spread_over_d()
    {
        var statistics = SignTests.CorradoSignStatistics([[1, -1, 1, -1], [1, 1, -1, -1]]);

        Assert.Equal([Math.Round(Math.Sqrt(2), 12), 0, 0, -Math.Round(Math.Sqrt(2), 12)], statistics.Select(s => Math.Round(s, 12)));
    }

    [Fact]
    public void Rank_tests_on_a_hand_worked_pair_of_members()
    {
        double[][] ranks = [[1, 2, 3, 4], [2, 1, 4, 3]];

        // Centred ranks average to −1, −1, 1, 1 with root mean square 1; U = K/5 − 1/2 gives the same shape.
        Assert.Equal([-1, -1, 1, 1], RankTests.CorradoRankStatistics(ranks).Select(s => Math.Round(s, 12)));
        Assert.Equal([-1, -1, 1, 1], RankTests.ModifiedRankStatistics(ranks).Select(s => Math.Round(s, 12)));
        // Daily mean ranks 1.5, 1.5, 3.5, 3.5 around K̄ = 2.5: the last day alone is one spread above.
        Assert.Equal(1, RankTests.CowanRankStatistic(ranks, windowStart: 3, windowLength: 1), 12);
        Assert.Equal(Math.Sqrt(2), RankTests.CowanRankStatistic(ranks, windowStart: 2, windowLength: 2), 12);
    }

    [Fact]
    public void Member_statistics_standardise_with_the_forecast_error_correction_and_rank_over_estimation_and_window()
    {
        var member = new MemberStatistics(new BatteryMember(
            EstimationAbnormal: [0.01, -0.01, 0.01, -0.01], EstimationMarket: [0, 0.01, 0, -0.01],
            WindowAbnormal: [0.02], WindowMarket: [0.01]));

        Assert.Equal(Math.Sqrt(4e-4 / 3), member.Sigma, 14);
        // 1 + 1/T + (Rm − mean)² / Σ(Rm − mean)² = 1 + 1/4 + 1e-4/2e-4.
        Assert.Equal(0.02 / (Math.Sqrt(4e-4 / 3) * Math.Sqrt(1.75)), member.WindowSar[0], 12);
        Assert.Equal([3.5, 1.5, 3.5, 1.5, 5], member.Ranks);
        Assert.Equal([0, -1, 0, -1, 1], member.Signs);
        Assert.Equal(0.02, member.Car);
    }
}
