using System.Globalization;
using MarketContext.Web.Rendering;
using ScottPlot;

namespace MarketContext.Web.Features.EventStudy;

/// <summary>
/// Abnormal returns as bars and their running sum as a line, against the band in which a CAR of k days
/// stays 95% of the time if the event did nothing: ± t(0.975, n−2) · σ · √k. Pure, like the main chart.
/// </summary>
public static class CarChartRenderer
{
    private static readonly PixelPadding Padding = new(left: 64, right: 24, bottom: 58, top: 40);

    public static ChartPicture Render(EventStudyResponse study, string eventName, ImageSize size, ChartTheme theme = ChartTheme.Light)
    {
        PictureFonts.Ensure();
        var plot = new Plot();
        plot.Layout.Fixed(Padding);

        var days = study.Rows.Select(r => (double)r.Day).ToArray();
        var abnormal = study.Rows.Select(r => r.Abnormal * 100).ToArray();
        var car = study.Rows.Select(r => r.Car * 100).ToArray();
        var critical = StudentT.InverseCdf(0.975, study.EstimationDays - 2);
        var band = study.Rows.Select((_, i) => critical * study.Sigma * Math.Sqrt(i + 1) * 100).ToArray();

        var fill = plot.Add.FillY(days, band, band.Select(b => -b).ToArray());
        fill.FillColor = Color.FromHex("#9CA3AF").WithAlpha(0.25);
        fill.LineWidth = 0;
        fill.LegendText = "95% band if the event did nothing";

        var bars = plot.Add.Bars(days, abnormal);
        foreach (var bar in bars.Bars)
        {
            bar.FillColor = Color.FromHex(bar.Value >= 0 ? "#0E7490" : "#B45309").WithAlpha(0.75);
            bar.LineWidth = 0;
            bar.Size = 0.6;
        }
        bars.LegendText = "Abnormal return (%)";

        var line = plot.Add.ScatterLine(days, car, Color.FromHex("#111827"));
        line.LineWidth = 2.5f;
        line.MarkerSize = 6;
        line.MarkerShape = MarkerShape.FilledCircle;
        line.LegendText = "Cumulative abnormal return (%)";

        plot.Add.VerticalLine(0, 1, Color.FromHex("#6B7280")).ExcludeFromLegend = true;
        plot.Add.HorizontalLine(0, 1, Color.FromHex("#6B7280")).ExcludeFromLegend = true;

        var all = abnormal.Concat(car).Concat(band).Concat(band.Select(b => -b)).ToList();
        var (min, max) = (all.Min(), all.Max());
        var pad = Math.Max((max - min) * 0.08, 0.5);
        plot.Axes.SetLimits(days[0] - 0.7, days[^1] + 0.7, min - pad, max + pad * 4);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            days, [.. study.Rows.Select(r => r.Day == 0 ? $"0\n{r.Date:MM-dd}" : r.Day.ToString("+0;-0", CultureInfo.InvariantCulture))]);

        plot.ShowLegend(Alignment.UpperLeft, Orientation.Horizontal);
        plot.Legend.FontSize = 11;
        plot.Title($"{study.Symbol} around {eventName} · day 0 = {study.Day0:yyyy-MM-dd}", 14);
        plot.YLabel("Return (%)", 12);
        plot.XLabel(
            $"CAR[{-study.Pre},+{study.Post}] = {study.Car * 100:+0.00;-0.00}%  t = {study.TStat:0.00}  p {Significance.FormatP(study.PValue)} · " +
            $"market model vs {study.Benchmark}: α = {study.Alpha * 100:0.000}%/day, β = {study.Beta:0.00}, {study.EstimationDays} days; {study.Returns} returns",
            10);
        ChartThemes.Apply(plot, theme);
        return new ChartPicture(plot, new ChartLayout(new PixelBox(Padding.Left, Padding.Top, size.Width - Padding.Left - Padding.Right, size.Height - Padding.Top - Padding.Bottom),
            study.Rows[0].Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), study.Rows[^1].Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            min - pad, max + pad * 4, []), size);
    }
}
