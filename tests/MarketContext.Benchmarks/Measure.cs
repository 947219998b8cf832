using System.Diagnostics;

namespace MarketContext.Benchmarks;

public sealed record Timing(string Name, double MedianMs, double P95Ms, int Runs, double MinMs = double.NaN);

public static class Measure
{
    /// <summary>Runs the action a few times to warm up, then times each of <paramref name="runs"/> runs.</summary>
    public static async Task<Timing> TimeAsync(string name, int runs, Func<Task> action, int warmup = 3)
    {
        for (var i = 0; i < warmup; i++)
        {
            await action();
        }
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await action();
            samples[i] = stopwatch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(samples);
        return new Timing(name, Percentile(samples, 0.5), Percentile(samples, 0.95), runs, samples[0]);
    }

    public static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
