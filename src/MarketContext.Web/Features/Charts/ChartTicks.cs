using System.Globalization;

namespace MarketContext.Web.Features.Charts;

/// <summary>The axes' ticks: round steps on a linear scale, 1-2-5 levels on a log scale, ISO dates along time.</summary>
public static class ChartTicks
{
    /// <summary>About six ticks at a 1-2-2.5-5 step from <paramref name="min"/> to <paramref name="max"/>.</summary>
    internal static IReadOnlyList<double> LinearTickValues(double min, double max)
    {
        var raw = (max - min) / 6;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (var tick = Math.Ceiling(min / step) * step; tick <= max + step * 1e-9; tick += step)
        {
            ticks.Add(Math.Abs(tick) < step * 1e-9 ? 0 : Math.Round(tick / step) * step);
        }
        return ticks;
    }

    internal static ScottPlot.TickGenerators.NumericManual LinearTicks(double min, double max)
    {
        var ticks = LinearTickValues(min, max);
        var step = ticks.Count > 1 ? ticks[1] - ticks[0] : 1;
        var format = step >= 1 ? "#,0" : step >= 0.1 ? "#,0.0" : "#,0.00";
        var generator = new ScottPlot.TickGenerators.NumericManual();
        foreach (var tick in ticks)
        {
            generator.AddMajor(tick, tick.ToString(format, CultureInfo.InvariantCulture));
        }
        return generator;
    }

    /// <summary>Ticks at 1-2-5 steps of the real values, placed at their logarithms.</summary>
    internal static ScottPlot.TickGenerators.NumericManual LogTicks(double yMin, double yMax, ChartMode mode)
    {
        double Level(double y) => Math.Pow(10, y);
        string Format(double level) => mode == ChartMode.Percent
            ? ((level - 1) * 100).ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + "%"
            : level.ToString(level >= 1000 ? "#,0" : "0.###", CultureInfo.InvariantCulture);

        var generator = new ScottPlot.TickGenerators.NumericManual();
        double[][] steps = [[1, 2, 5], [1, 1.5, 2, 3, 5, 7], [1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 4, 5, 6, 7, 8, 9]];
        foreach (var step in steps)
        {
            var ticks = new List<double>();
            for (var decade = Math.Floor(yMin); decade <= Math.Ceiling(yMax); decade++)
            {
                ticks.AddRange(step.Select(s => s * Math.Pow(10, decade)).Where(v => Math.Log10(v) >= yMin && Math.Log10(v) <= yMax));
            }
            if (ticks.Count >= 4 || step == steps[^1])
            {
                foreach (var value in ticks.Distinct())
                {
                    generator.AddMajor(Math.Log10(value), Format(value));
                }
                return generator;
            }
        }
        generator.AddMajor(yMin, Format(Level(yMin)));
        return generator;
    }

    /// <summary>ISO dates, as short as the tick allows: a year, a month, or a day.</summary>
    internal static string IsoTick(DateTime tick) => tick switch
    {
        { Month: 1, Day: 1, Hour: 0 } => tick.ToString("yyyy", CultureInfo.InvariantCulture),
        { Day: 1, Hour: 0 } => tick.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => tick.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
