namespace MarketContext.Web.Features.EventStudy.Battery;

/// <summary>The few descriptive statistics the tests share; the standard deviation divides by n − 1.</summary>
public static class Descriptive
{
    public static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }
        return values.IsEmpty ? double.NaN : sum / values.Length;
    }

    /// <summary>Sample standard deviation with n − 1 in the denominator; NaN for fewer than two values.</summary>
    public static double SampleSd(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return double.NaN;
        }
        var mean = Mean(values);
        var squares = 0.0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }
        return Math.Sqrt(squares / (values.Length - 1));
    }

    public static double Median(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Ranks 1…n in ascending order; tied values share the average of the ranks they span.</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values) => AverageRanks(values, out _);

    /// <summary>As <see cref="AverageRanks(ReadOnlySpan{double})"/>, also giving the median from the same sort.</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values, out double median)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var keys = values.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[values.Length];
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }
            // Positions start … end − 1 hold equal values: ranks start + 1 … end, averaged.
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = rank;
            }
            start = end;
        }
        var middle = keys.Length / 2;
        median = keys.Length == 0 ? double.NaN : keys.Length % 2 == 1 ? keys[middle] : (keys[middle - 1] + keys[middle]) / 2;
        return ranks;
    }
}
