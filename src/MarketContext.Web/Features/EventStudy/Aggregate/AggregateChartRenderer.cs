using System.Globalization;
using MarketContext.Web.Features.EventStudy.Battery;
using MarketContext.Web.Rendering;
using ScottPlot;

namespace MarketContext.Web.Features.EventStudy.Aggregate;

/// <summary>
/// The samples side by side on one event-time axis: each sample's AAR as bars (grouped per day) and its CAAR as a line
/// inside the band where a CAAR stays 95% of the time if the events did nothing. Pure, like the other charts.
/// </summary>
public static class AggregateChartRenderer
{
    private static readonly PixelPadding Padding = new(left: 64, right: 24, bottom: 72, top: 40);
    private static readonly string[] SampleColors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#A87000", "#0369A1", "#B91C1C", "#7C3AED"];
    private const string PooledColor = "#111827";

    public static ChartPicture Render(AggregateResponse study, string eventSet, ImageSize size, ChartTheme theme = ChartTheme.Light)
    {
        PictureFonts.Ensure();
        var plot = new Plot();
        plot.Layout.Fixed(Padding);
        var samples = study.Samples.Where(s => s.Days.Count > 0).ToList();
        var days = Enumerable.Range(-study.Pre, study.Pre + study.Post + 1).Select(d => (double)d).ToArray();
        var values = new List<double> { 0 };
        var barWidth = 0.8 / Math.Max(1, samples.Count);

        for (var j = 0; j < samples.Count; j++)
        {
            var sample = samples[j];
            var color = Color.FromHex(sample.Name == AggregateCalculator.Pooled ? PooledColor : SampleColors[j % SampleColors.Length]);
            var caar = sample.Days.Select(d => d.Caar * 100).ToArray();
            if (sample.Days.All(d => d.CaarBand is not null))
            {
                var band = sample.Days.Select(d => d.CaarBand!.Value * 100).ToArray();
                var fill = plot.Add.FillY(days, band, [.. band.Select(b => -b)]);
                fill.FillColor = color.WithAlpha(0.10);
                fill.LineWidth = 0;
                values.AddRange(band);
                values.AddRange(band.Select(b => -b));
            }
            var offset = (j - (samples.Count - 1) / 2.0) * barWidth;
            var bars = plot.Add.Bars(days.Select(d => d + offset).ToArray(), sample.Days.Select(d => d.Aar * 100).ToArray());
            foreach (var bar in bars.Bars)
            {
                bar.FillColor = color.WithAlpha(0.55);
                bar.LineWidth = 0;
                bar.Size = barWidth * 0.9;
            }
            bars.LegendText = $"{sample.Name} AAR";
            var line = plot.Add.ScatterLine(days, caar, color);
            line.LineWidth = 2.5f;
            line.MarkerSize = 5;
            line.MarkerShape = MarkerShape.FilledCircle;
            line.LegendText = $"{sample.Name} CAAR (n = {sample.N})";
            values.AddRange(caar);
            values.AddRange(sample.Days.Select(d => d.Aar * 100));
        }

        plot.Add.VerticalLine(0, 1, Color.FromHex("#6B7280")).ExcludeFromLegend = true;
        plot.Add.HorizontalLine(0, 1, Color.FromHex("#6B7280")).ExcludeFromLegend = true;
        var (min, max) = (values.Min(), values.Max());
        var pad = Math.Max((max - min) * 0.08, 0.5);
        var (yMin, yMax) = (min - pad, max + pad * 4);
        plot.Axes.SetLimits(days[0] - 0.7, days[^1] + 0.7, yMin, yMax);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            days, [.. days.Select(d => d.ToString("+0;-0;0", CultureInfo.InvariantCulture))]);
        if (samples.Count > 0)
        {
            plot.ShowLegend(Alignment.UpperLeft, Orientation.Horizontal);
            plot.Legend.FontSize = 11;
        }
        else
        {
            var empty = plot.Add.Text("No member has enough data for these windows.", 0, (yMin + yMax) / 2);
            empty.LabelFontSize = 16;
            empty.LabelAlignment = Alignment.MiddleCenter;
        }
        plot.Title($"Average abnormal return around {eventSet} · trading days from day 0", 14);
        plot.YLabel("Return (%)", 12);
        plot.XLabel(Caption(study, samples), 10);
        ChartThemes.Apply(plot, theme);

        var layout = new ChartLayout(
            new PixelBox(Padding.Left, Padding.Top, size.Width - Padding.Left - Padding.Right, size.Height - Padding.Top - Padding.Bottom),
            null, null, yMin, yMax, [], -study.Pre, study.Post);
        return new ChartPicture(plot, layout, size);
    }

    private static string Caption(AggregateResponse study, IReadOnlyList<AggregateSample> samples)
    {
        var perSample = samples.Select(s =>
        {
            var bmp = s.ReadBmpBy is { } name && s.CarTests.TryGetValue(name, out var test) && test.PValue is { } p
                ? $", {(name == TestNames.BmpKolariPynnonen ? "BMP-KP" : "BMP")} p {Significance.FormatP(p)}{Significance.Stars(p)}"
                : "";
            return $"{s.Name} CAAR[{-study.Pre},+{study.Post}] = {s.Caar * 100:+0.00;-0.00}%{bmp}";
        });
        return string.Join("  ·  ", perSample) +
            $"\nshaded: where each CAAR stays 95% of the time if the events did nothing · market model vs {study.Benchmark}, {study.Estimation} estimation days, gap {study.Gap}, {study.Returns} returns";
    }
}
