namespace MarketContext.Web.Features.EventStudy.Battery;

/// <summary>
/// Kolari &amp; Pynnönen (2010): members that react to the same news on the same days are correlated, so BMP
/// overstates significance. Their adjustment scales it by √((1 − r̄) / (1 + (N − 1)·r̄)).
/// </summary>
public static class KolariPynnonen
{
    /// <summary>Fewer shared days than this leave a pair's correlation at 0.</summary>
    public const int MinSharedDays = 3;

    /// <summary>
    /// r̄: the mean over all pairs of the correlation of their estimation-window ARs, paired on the calendar days
    /// both have; a pair without enough shared days (or a constant series) counts as 0. NaN for fewer than two members.
    /// </summary>
    public static double MeanCorrelation(IReadOnlyList<(DateOnly[] Dates, double[] Abnormal)> members)
    {
        if (members.Count < 2)
        {
            return double.NaN;
        }
        var sum = 0.0;
        for (var i = 0; i < members.Count; i++)
        {
            for (var j = i + 1; j < members.Count; j++)
            {
                sum += SharedDayCorrelation(members[i], members[j]);
            }
        }
        return sum / (members.Count * (members.Count - 1) / 2.0);
    }

    /// <summary>bmpKolariPynnonen: the BMP statistic times the adjustment, Student t with N − 1 df like BMP.</summary>
    public static TestValue Adjust(TestValue bmp, double meanCorrelation, int n)
    {
        if (bmp.Statistic is not { } t || n < 2 || !double.IsFinite(meanCorrelation))
        {
            return TestValue.Undefined;
        }
        var denominator = 1 + (n - 1) * meanCorrelation;
        return denominator > 0 && meanCorrelation < 1
            ? TestValue.StudentT(t * Math.Sqrt((1 - meanCorrelation) / denominator), n - 1)
            : TestValue.Undefined;
    }

    internal static double SharedDayCorrelation((DateOnly[] Dates, double[] Abnormal) a, (DateOnly[] Dates, double[] Abnormal) b)
    {
        // Both date arrays ascend: one merge finds the shared days, starting where the later one begins.
        if (a.Dates.Length == 0 || b.Dates.Length == 0 || a.Dates[^1] < b.Dates[0] || b.Dates[^1] < a.Dates[0])
        {
            return 0;
        }
        var first = a.Dates[0] > b.Dates[0] ? a.Dates[0] : b.Dates[0];
        int i = StartIndex(a.Dates, first), j = StartIndex(b.Dates, first), n = 0;
        double sumX = 0, sumY = 0, sumXx = 0, sumYy = 0, sumXy = 0;
        while (i < a.Dates.Length && j < b.Dates.Length)
        {
            var order = a.Dates[i].CompareTo(b.Dates[j]);
            if (order < 0)
            {
                i++;
            }
            else if (order > 0)
            {
                j++;
            }
            else
            {
                var (x, y) = (a.Abnormal[i++], b.Abnormal[j++]);
                n++;
                sumX += x;
                sumY += y;
                sumXx += x * x;
                sumYy += y * y;
                sumXy += x * y;
            }
        }
        if (n < MinSharedDays)
        {
            return 0;
        }
        var covariance = sumXy - sumX * sumY / n;
        var varianceX = sumXx - sumX * sumX / n;
        var varianceY = sumYy - sumY * sumY / n;
        return varianceX > 0 && varianceY > 0 ? Math.Clamp(covariance / Math.Sqrt(varianceX * varianceY), -1, 1) : 0;
    }

    private static int StartIndex(DateOnly[] dates, DateOnly first)
    {
        var found = Array.BinarySearch(dates, first);
        return found >= 0 ? found : ~found;
    }
}
