namespace MarketContext.Web.Features.Charts;

/// <summary>The values a time chart plots, by trading day of its range: what the picture shows, to be read off it.</summary>
public sealed record ChartValues(string Mode, IReadOnlyList<DateOnly> Dates, IReadOnlyList<SeriesValues> Series);

/// <summary>
/// One plotted series, aligned with <see cref="ChartValues.Dates"/>: its value in the chart's mode (null where it did
/// not trade) and its change in percent from its previous trading day (null on its first stored day). <c>Currency</c>
/// is the one its prices are in; <c>Conversion</c> says how it got there and names the days dropped for want of a rate.
/// </summary>
public sealed record SeriesValues(string Symbol, string Color, bool IsBenchmark, IReadOnlyList<double?> Values, IReadOnlyList<double?> Changes,
    string? Currency = null, string? Conversion = null);

/// <summary>
/// The whole history of the plotted series in a strip <c>Width</c> pixels wide: per series, the points to join, with
/// x in pixels from <c>From</c> and y from 0 (the series' lowest) to 1 (its highest) on a log scale.
/// </summary>
public sealed record ChartOverview(DateOnly? From, DateOnly? To, int Width, IReadOnlyList<OverviewLine> Series);

public sealed record OverviewLine(string Symbol, string Color, double[] Xs, double[] Ys);

/// <summary>What a chart plots, read rather than drawn; the values come from the renderer's own transform.</summary>
public static class ChartReadings
{
    public static ChartValues Values(ChartData data, ChartOptions options)
    {
        var lines = data.Series
            .Select((series, i) => (Series: series, Line: ChartRenderer.Transform(series, options, ChartRenderer.ColorOf(series, i))))
            .Where(x => x.Line.Dates.Length > 0)
            .ToList();
        var dates = lines.SelectMany(x => x.Line.Dates).Distinct().Order().ToList();
        var series = lines.Select(x =>
        {
            var (values, changes) = (new double?[dates.Count], new double?[dates.Count]);
            for (int i = 0, k = 0; i < x.Line.Dates.Length; i++)
            {
                while (dates[k] != x.Line.Dates[i])
                {
                    k++;
                }
                values[k] = Math.Round(x.Line.Shown[i], 6);
                // The mode's own basis (quoted close in price mode, adjusted close otherwise): the rebase cancels out.
                changes[k] = Change(i > 0 ? x.Series.Values[i - 1] : x.Series.Previous, x.Series.Values[i]);
            }
            return new SeriesValues(x.Series.Symbol, x.Line.Color, x.Series.IsBenchmark, values, changes,
                x.Series.Currency, data.Money?.Conversions.FirstOrDefault(c => c.Symbol == x.Series.Symbol)?.Describe());
        }).ToList();
        return new ChartValues(options.Mode.ToString().ToLowerInvariant(), dates, series);
    }

    private static double? Change(double? previous, double value) =>
        previous is { } p && p != 0 && double.IsFinite(value / p) ? Math.Round((value / p - 1) * 100, 6) : null;

    /// <summary>
    /// Each series over all of <paramref name="data"/>, decimated to the strip's pixel columns as the chart decimates
    /// its lines. A log scale, each series on its own: decades of history stay readable in a strip a few pixels high.
    /// </summary>
    public static ChartOverview Overview(ChartData data, ChartOptions options, int width)
    {
        var stored = data.Series.Where(s => s.Dates.Length > 0).ToList();
        if (stored.Count == 0)
        {
            return new ChartOverview(null, null, width, []);
        }
        var (from, to) = (stored.Min(s => s.Dates[0]), stored.Max(s => s.Dates[^1]));
        var (xMin, xMax) = (ChartRenderer.Oa(from), Math.Max(ChartRenderer.Oa(to), ChartRenderer.Oa(from) + 1));
        var lines = new List<OverviewLine>();
        foreach (var (series, i) in data.Series.Select((s, i) => (s, i)).Where(x => x.s.Dates.Length > 0))
        {
            // The values as loaded for the chart's mode (quoted or adjusted closes), unrebased: the strip scales each
            // series to its own range, and a first value at or below zero must not turn the whole line over.
            var line = ChartRenderer.Transform(series, options with { Mode = ChartMode.Price, Log = true }, ChartRenderer.ColorOf(series, i));
            var kept = Enumerable.Range(0, line.Ys.Length).Where(k => double.IsFinite(line.Ys[k])).ToList();
            if (kept.Count < 2)
            {
                continue;
            }
            var (low, high) = (kept.Min(k => line.Ys[k]), kept.Max(k => line.Ys[k]));
            var span = high > low ? high - low : 1;
            var (xs, ys) = Decimation.Decimate([.. kept.Select(k => line.Xs[k])], [.. kept.Select(k => (line.Ys[k] - low) / span)], xMin, xMax, width);
            lines.Add(new OverviewLine(series.Symbol, line.Color,
                [.. xs.Select(x => Math.Round((x - xMin) / (xMax - xMin) * width, 1))],
                [.. ys.Select(y => Math.Round(y, 3))]));
        }
        return new ChartOverview(from, to, width, lines);
    }
}
