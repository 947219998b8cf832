namespace MarketContext.Web.Features.EventStudy.Battery;

/// <summary>
/// One member of a sample in event time: its abnormal returns and the benchmark's returns over the estimation
/// window (T days, −(gap+T) … −(gap+1)) and over the event window (−pre … +post). The estimation window's
/// calendar days let members that share days be correlated (Kolari–Pynnönen); they may be omitted.
/// </summary>
public sealed record BatteryMember(
    double[] EstimationAbnormal,
    double[] EstimationMarket,
    double[] WindowAbnormal,
    double[] WindowMarket,
    DateOnly[]? EstimationDates = null);

/// <summary>What every test reads of one member, computed once: σ (n − 1), SARs, and its ranks and signs over estimation ∪ window.</summary>
public sealed class MemberStatistics
{
    public MemberStatistics(BatteryMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.EstimationAbnormal.Length != member.EstimationMarket.Length || member.WindowAbnormal.Length != member.WindowMarket.Length)
        {
            throw new ArgumentException("Abnormal and benchmark returns must cover the same days.", nameof(member));
        }
        if (member.EstimationAbnormal.Length < 3 || member.WindowAbnormal.Length == 0)
        {
            throw new ArgumentException("A member needs at least 3 estimation days and 1 event-window day.", nameof(member));
        }
        Member = member;
        EstimationLength = member.EstimationAbnormal.Length;
        Sigma = Descriptive.SampleSd(member.EstimationAbnormal);
        Car = 0;
        foreach (var ar in member.WindowAbnormal)
        {
            Car += ar;
        }

        // The forecast-error correction: a day whose benchmark return lies far from the estimation mean is predicted less surely.
        var marketMean = Descriptive.Mean(member.EstimationMarket);
        var marketSquares = 0.0;
        foreach (var rm in member.EstimationMarket)
        {
            marketSquares += (rm - marketMean) * (rm - marketMean);
        }
        WindowSar = new double[member.WindowAbnormal.Length];
        for (var k = 0; k < WindowSar.Length; k++)
        {
            var deviation = member.WindowMarket[k] - marketMean;
            WindowSar[k] = member.WindowAbnormal[k] / (Sigma * Math.Sqrt(1 + 1.0 / EstimationLength + deviation * deviation / marketSquares));
        }

        // Ranks and signs over D = estimation ∪ event window (the gap days are not in D).
        var combined = new double[EstimationLength + WindowSar.Length];
        member.EstimationAbnormal.CopyTo(combined, 0);
        member.WindowAbnormal.CopyTo(combined, EstimationLength);
        Ranks = Descriptive.AverageRanks(combined, out var median);
        Signs = new double[combined.Length];
        for (var k = 0; k < combined.Length; k++)
        {
            Signs[k] = Math.Sign(combined[k] - median);
        }
    }

    public BatteryMember Member { get; }

    public int EstimationLength { get; }

    /// <summary>Standard deviation of the estimation-window abnormal returns, n − 1 in the denominator.</summary>
    public double Sigma { get; }

    /// <summary>Standardised abnormal returns of the event window, forecast-error corrected.</summary>
    public double[] WindowSar { get; }

    /// <summary>Sum of the event window's abnormal returns.</summary>
    public double Car { get; }

    /// <summary>Average ranks of the abnormal returns over D: the estimation days first, then the window days.</summary>
    public double[] Ranks { get; }

    /// <summary>sign(AR − median over D) on each day of D, in the order of <see cref="Ranks"/>.</summary>
    public double[] Signs { get; }

    /// <summary>|D|: estimation days plus window days.</summary>
    public int CombinedLength => Ranks.Length;
}
