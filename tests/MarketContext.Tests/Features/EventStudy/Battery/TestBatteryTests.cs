using MarketContext.Web.Features.EventStudy.Battery;

namespace MarketContext.Tests.Features.EventStudy.Battery;

public class TestBatteryTests
{
    private const int Estimation = 60, Pre = 3, Post = 3;

    internal static BatteryMember RandomMember(Random random, int firstDay, double eventShift = 0)
    {
        var start = new DateOnly(2019, 1, 1).AddDays(firstDay);
        double Noise() => (random.NextDouble() - 0.5) * 0.04;
        return new BatteryMember(
            [.. Enumerable.Range(0, Estimation).Select(_ => Noise())],
            [.. Enumerable.Range(0, Estimation).Select(_ => Noise() / 2)],
            [.. Enumerable.Range(0, Pre + Post + 1).Select(k => Noise() + (k == Pre ? eventShift : 0))],
            [.. Enumerable.Range(0, Pre + Post + 1).Select(_ => Noise() / 2)],
            [.. Enumerable.Range(0, Estimation).Select(d => start.AddDays(d))]);
    }

    [Fact]
    public void Every_test_is_the_same_whatever_the_order_of_the_members()
    {
        var random = new Random(42);
        var members = Enumerable.Range(0, 9).Select(i => new MemberStatistics(RandomMember(random, i * 20, i % 3 == 0 ? 0.03 : 0))).ToList();
        var reference = TestBattery.Run(members, Pre);

        for (var round = 0; round < 20; round++)
        {
            var shuffled = members.OrderBy(_ => random.Next()).ToList();
            var result = TestBattery.Run(shuffled, Pre);

            Assert.Equal(reference.Caar, result.Caar, 14);
            Assert.Equal(reference.MeanCorrelation, result.MeanCorrelation, 14);
            for (var k = 0; k < reference.Days.Count; k++)
            {
                Assert.Equal(reference.Days[k].Aar, result.Days[k].Aar, 14);
                AssertSameTests(reference.Days[k].Tests, result.Days[k].Tests);
            }
            AssertSameTests(reference.CarTests, result.CarTests);
        }
    }

    private static void AssertSameTests(IReadOnlyDictionary<string, TestValue> expected, IReadOnlyDictionary<string, TestValue> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, value) in expected)
        {
            Assert.True(value.Statistic is not null, $"{name} should be defined for nine random members");
            Assert.Equal(value.Statistic!.Value, actual[name].Statistic!.Value, 10);
            Assert.Equal(value.PValue!.Value, actual[name].PValue!.Value, 10);
        }
    }

    [Fact]
    public void Reports_every_daily_and_window_test_by_its_api_name_for_each_day_of_the_window()
    {
        var random = new Random(7);
        var result = TestBattery.Run([.. Enumerable.Range(0, 4).Select(i => new MemberStatistics(RandomMember(random, i * 3)))], Pre);

        Assert.Equal(Enumerable.Range(-Pre, Pre + Post + 1), result.Days.Select(d => d.Day));
        Assert.All(result.Days, d => Assert.Equal(TestNames.Daily, d.Tests.Keys));
        Assert.Equal(TestNames.Window, result.CarTests.Keys);
        Assert.All(result.Days.SelectMany(d => d.Tests.Values).Concat(result.CarTests.Values), t => Assert.InRange(t.PValue!.Value, 0, 1));
    }

    [Fact]
    public void Aar_caar_and_the_cross_sectional_t_of_two_small_members_are_the_hand_worked_ones()
    {
        // Window −3 … +3. Member one's ARs: 0.01, 0.02, −0.01, 0, 0, 0, 0.03; member two's: 0.03, 0, 0.01, 0, 0, 0, −0.01.
        // AAR (their means): 0.02, 0.01, 0, 0, 0, 0, 0.01; running CAAR: 0.02, 0.03, 0.03, 0.03, 0.03, 0.03, 0.04.
        // Day −3, cross-sectional t: mean 0.02, sd √((0.01² + 0.01²)/1) = 0.01·√2, t = 0.02 / (0.01·√2/√2) = 2.
        double[] estimation = [0.01, -0.01, 0.02, -0.02, 0.005, -0.005, 0.0, 0.0];
        double[] market = [0.01, 0.02, -0.01, 0.0, 0.015, -0.02, 0.005, -0.005];
        var one = new BatteryMember(estimation, market, [0.01, 0.02, -0.01, 0, 0, 0, 0.03], new double[7]);
        var two = new BatteryMember(estimation, market, [0.03, 0, 0.01, 0, 0, 0, -0.01], new double[7]);

        var result = TestBattery.Run([new MemberStatistics(one), new MemberStatistics(two)], Pre);

        Assert.Equal([0.02, 0.01, 0, 0, 0, 0, 0.01], result.Days.Select(d => Math.Round(d.Aar, 12)));
        Assert.Equal([0.02, 0.03, 0.03, 0.03, 0.03, 0.03, 0.04], result.Days.Select(d => Math.Round(d.Caar, 12)));
        Assert.Equal(0.04, result.Caar, 12);
        Assert.Equal(2, result.Days[0].Tests["tTest"].Statistic!.Value, 9);
    }

    [Fact]
    public void A_single_member_has_no_cross_sectional_tests_but_keeps_the_others()
    {
        var result = TestBattery.Run([new MemberStatistics(RandomMember(new Random(3), 0, 0.05))], Pre);

        foreach (var name in TestNames.CrossSectional)
        {
            Assert.Equal(TestValue.Undefined, result.Days[Pre].Tests[name]);
            Assert.Equal(TestValue.Undefined, result.CarTests[name]);
        }
        Assert.NotNull(result.Days[Pre].Tests[TestNames.Patell].Statistic);
        Assert.NotNull(result.CarTests[TestNames.CowanRank].Statistic);
        Assert.True(double.IsNaN(result.MeanCorrelation));
    }

    [Fact]
    public void A_large_common_shock_on_day_zero_is_significant_and_the_correlation_adjusted_bmp_is_weaker()
    {
        var random = new Random(11);
        // Twelve members sharing estimation days: correlated, as vendors around the same news are.
        var common = RandomMember(random, 0);
        var members = Enumerable.Range(0, 12).Select(_ =>
        {
            var own = RandomMember(random, 0, 0.06);
            return new MemberStatistics(own with
            {
                EstimationAbnormal = [.. own.EstimationAbnormal.Zip(common.EstimationAbnormal, (a, b) => 0.5 * a + b)],
            });
        }).ToList();

        var day0 = TestBattery.Run(members, Pre).Days[Pre].Tests;

        foreach (var name in new[] { TestNames.TTest, TestNames.Patell, TestNames.Bmp, TestNames.Sign, TestNames.GeneralizedSign, TestNames.Wilcoxon })
        {
            Assert.True(day0[name].PValue < 0.01, $"{name}: p = {day0[name].PValue}");
        }
        Assert.True(Math.Abs(day0[TestNames.BmpKolariPynnonen].Statistic!.Value) < Math.Abs(day0[TestNames.Bmp].Statistic!.Value));
    }
}
