namespace MarketContext.Web.Features.EventStudy.Battery;

/// <summary>The names of the tests in the API, in the order they are reported.</summary>
public static class TestNames
{
    public const string BrownWarner1980 = "brownWarner1980", BrownWarner1985 = "brownWarner1985", TTest = "tTest", Patell = "patell",
        Bmp = "bmp", BmpKolariPynnonen = "bmpKolariPynnonen", Sign = "sign", GeneralizedSign = "generalizedSign",
        CorradoSign = "corradoSign", CorradoRank = "corradoRank", ModifiedRank = "modifiedRank", Wilcoxon = "wilcoxon", CowanRank = "cowanRank";

    /// <summary>Tests that need the spread across members, so at least two of them.</summary>
    public static readonly IReadOnlySet<string> CrossSectional = new HashSet<string> { TTest, Bmp, BmpKolariPynnonen };

    public static readonly IReadOnlyList<string> Daily =
        [BrownWarner1980, BrownWarner1985, TTest, Patell, Bmp, BmpKolariPynnonen, Sign, GeneralizedSign, CorradoSign, CorradoRank, ModifiedRank, Wilcoxon];

    public static readonly IReadOnlyList<string> Window = [TTest, Patell, Bmp, BmpKolariPynnonen, BrownWarner1985, CowanRank];
}

/// <summary>One day of the event window: the average abnormal return, the running CAAR, and every daily test.</summary>
public sealed record BatteryDay(int Day, double Aar, double Caar, IReadOnlyDictionary<string, TestValue> Tests);

/// <summary>
/// A sample's battery. <see cref="AarSd"/> is the standard deviation (n − 1) of the AAR over the estimation window:
/// under H0 a CAAR of k days has spread AarSd·√k, which is the band a chart draws.
/// </summary>
public sealed record BatteryResult(int N, IReadOnlyList<BatteryDay> Days, double Caar, IReadOnlyDictionary<string, TestValue> CarTests, double MeanCorrelation, double AarSd);

/// <summary>Every test of the battery for one sample of members that share the estimation length and the event window.</summary>
public static class TestBattery
{
    public static BatteryResult Run(IReadOnlyList<MemberStatistics> members, int pre, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("A sample needs at least one member.", nameof(members));
        }
        var t = members[0].EstimationLength;
        var windowLength = members[0].WindowSar.Length;
        if (members.Any(m => m.EstimationLength != t || m.WindowSar.Length != windowLength))
        {
            throw new ArgumentException("All members of a sample must share the estimation length and the event window.", nameof(members));
        }
        var n = members.Count;

        var sigmas = members.Select(m => m.Sigma).ToArray();
        var estimationAar = new double[t];
        foreach (var m in members)
        {
            for (var k = 0; k < t; k++)
            {
                estimationAar[k] += m.Member.EstimationAbnormal[k] / n;
            }
        }
        var positiveShare = SignTests.PositiveShare(members.Select(m => m.Member.EstimationAbnormal));
        var ranks = members.Select(m => m.Ranks).ToList();
        var corradoSign = SignTests.CorradoSignStatistics([.. members.Select(m => m.Signs)]);
        var corradoRank = RankTests.CorradoRankStatistics(ranks);
        var modifiedRank = RankTests.ModifiedRankStatistics(ranks);
        var meanCorrelation = members.All(m => m.Member.EstimationDates is not null)
            ? KolariPynnonen.MeanCorrelation([.. members.Select(m => (m.Member.EstimationDates!, m.Member.EstimationAbnormal))])
            : double.NaN;

        var days = new BatteryDay[windowLength];
        var abnormal = new double[n];
        var standardised = new double[n];
        var caar = 0.0;
        var brownWarner1985Sum = 0.0;
        for (var k = 0; k < windowLength; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < n; i++)
            {
                abnormal[i] = members[i].Member.WindowAbnormal[k];
                standardised[i] = members[i].WindowSar[k];
            }
            var aar = Descriptive.Mean(abnormal);
            caar += aar;
            brownWarner1985Sum += ParametricTests.BrownWarner1985Statistic(aar, estimationAar);
            var bmp = ParametricTests.CrossSectionalT(standardised);
            var tests = new Dictionary<string, TestValue>
            {
                [TestNames.BrownWarner1980] = ParametricTests.BrownWarner1980(abnormal, sigmas, t),
                [TestNames.BrownWarner1985] = ParametricTests.BrownWarner1985(aar, estimationAar),
                [TestNames.TTest] = ParametricTests.CrossSectionalT(abnormal),
                [TestNames.Patell] = ParametricTests.Patell(standardised, t),
                [TestNames.Bmp] = bmp,
                [TestNames.BmpKolariPynnonen] = KolariPynnonen.Adjust(bmp, meanCorrelation, n),
                [TestNames.Sign] = SignTests.Sign(abnormal),
                [TestNames.GeneralizedSign] = SignTests.GeneralizedSign(abnormal, positiveShare),
                [TestNames.CorradoSign] = TestValue.StandardNormal(corradoSign[t + k]),
                [TestNames.CorradoRank] = TestValue.StandardNormal(corradoRank[t + k]),
                [TestNames.ModifiedRank] = TestValue.StandardNormal(modifiedRank[t + k]),
                [TestNames.Wilcoxon] = WilcoxonSignedRank.Test(abnormal),
            };
            days[k] = new BatteryDay(k - pre, aar, caar, tests);
        }

        var cars = members.Select(m => m.Car).ToArray();
        var cumulativeSar = members.Select(m => m.WindowSar.Sum() / Math.Sqrt(windowLength)).ToArray();
        var windowBmp = ParametricTests.CrossSectionalT(cumulativeSar);
        var carTests = new Dictionary<string, TestValue>
        {
            [TestNames.TTest] = ParametricTests.CrossSectionalT(cars),
            [TestNames.Patell] = ParametricTests.Patell(cumulativeSar, t),
            [TestNames.Bmp] = windowBmp,
            [TestNames.BmpKolariPynnonen] = KolariPynnonen.Adjust(windowBmp, meanCorrelation, n),
            [TestNames.BrownWarner1985] = TestValue.StandardNormal(brownWarner1985Sum / Math.Sqrt(windowLength)),
            [TestNames.CowanRank] = TestValue.StandardNormal(RankTests.CowanRankStatistic(ranks, t, windowLength)),
        };
        return new BatteryResult(n, days, caar, carTests, meanCorrelation, Descriptive.SampleSd(estimationAar));
    }
}
