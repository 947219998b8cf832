using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.Events;
using ScottPlot;

namespace MarketContext.Tests.Features.Charts;

public sealed class ChartSpeedAndViewTests
{
    private static readonly DateOnly[] Days = [.. Enumerable.Range(0, 60).Select(i => new DateOnly(2020, 1, 6).AddDays(i / 5 * 7 + i % 5))];

    [Fact]
    public void Decimation_keeps_each_columns_first_lowest_highest_and_last_point()
    {
        // 1,000 points over 10 columns: 100 a column, with a spike and a dip placed in column 3.
        var xs = Enumerable.Range(0, 1000).Select(i => (double)i).ToArray();
        var ys = xs.Select(x => Math.Sin(x / 50)).ToArray();
        ys[333] = 10;
        ys[366] = -10;

        var (keptX, keptY) = Decimation.Decimate(xs, ys, 0, 1000, 10);

        Assert.InRange(keptX.Length, 20, 40);
        Assert.Equal(0, keptX[0]);
        Assert.Equal(999, keptX[^1]);
        Assert.Contains(333.0, keptX);
        Assert.Contains(366.0, keptX);
        Assert.Equal(keptX.Order(), keptX);
        Assert.Equal(ys.Max(), keptY.Max());
        Assert.Equal(ys.Min(), keptY.Min());
    }

    [Fact]
    public void Few_points_are_drawn_as_they_are()
    {
        double[] xs = [1, 2, 3], ys = [5, 6, 7];

        var (keptX, keptY) = Decimation.Decimate(xs, ys, 0, 10, 100);

        Assert.Same(xs, keptX);
        Assert.Same(ys, keptY);
    }

    [Fact]
    public void Linear_ticks_stay_inside_the_data_and_use_round_steps()
    {
        var ticks = ChartTicks.LinearTickValues(-3.2, 118.7);

        // A sixth of the 121.9 span is 20.3; the first round step at or above it is 25.
        Assert.All(ticks, t => Assert.InRange(t, -3.2, 118.7));
        Assert.Equal([0, 25, 50, 75, 100], ticks);
    }

    [Fact]
    public void Event_time_aligns_day_0_on_the_first_trading_day_after_the_news_and_rebases_day_minus_1_to_100()
    {
        // Prices 100, 101, 102, …; the event's first-public day is a Saturday, so day 0 is the Monday after.
        var values = Enumerable.Range(0, Days.Length).Select(i => 100.0 + i).ToArray();
        var saturday = new DateOnly(2020, 1, 25);
        var monday = new DateOnly(2020, 1, 27);
        var e = new PolicyEvent("T1", saturday, null, "day", saturday, null, "Test", "Test", "", "legal", [], false, null, "", [], [], "high");
        var data = new ChartData([new ChartSeries("ERIC", "Ericsson", Days, values)], [], [], Days[^1], [e]);

        var window = Assert.Single(EventTimeRenderer.Windows(data, new ChartOptions(Days[0], Days[^1], ChartMode.Rebased, false, 800, 400, Window: 3)));

        var day0 = Array.IndexOf(Days, monday);
        Assert.Equal(monday, window.Day0);
        Assert.Equal([-3, -2, -1, 0, 1, 2, 3], window.Days);
        Assert.Equal(100, window.Shown[2], 9);
        Assert.Equal(values[day0] / values[day0 - 1] * 100, window.Shown[3], 9);
    }

    [Fact]
    public void Event_time_renders_with_day_numbers_instead_of_dates_in_its_layout()
    {
        var values = Enumerable.Range(0, Days.Length).Select(i => 50.0 + i % 7).ToArray();
        var e = EventCatalogue.All.First(x => x.Id == "E22");
        var data = new ChartData([new ChartSeries("ERIC", "Ericsson", Days, values)], [], [], Days[^1], [e]);

        using var picture = ChartRenderer.Render(data, new ChartOptions(Days[0], Days[^1], ChartMode.Rebased, false, 800, 400, Window: 5, View: ChartView.EventTime));

        Assert.Null(picture.Layout.XMin);
        Assert.Equal(-5, picture.Layout.DayMin);
        Assert.Equal(5, picture.Layout.DayMax);
        Assert.Equal(["day", "ERIC E22"], picture.Table.Columns);
        Assert.Equal(11, picture.Table.Rows.Count);
        Assert.Equal((800, 400), MarketContext.TestSupport.Png.Size(picture.ToPng()));
    }

    /// <summary>The caption as ScottPlot draws it under the chart, in the bottom axis label's own style.</summary>
    private static double CaptionWidth(string text)
    {
        using var plot = new Plot();
        plot.XLabel(text, 10);
        plot.Axes.Bottom.Label.FontName = "DejaVu Sans";
        using var paint = Paint.NewDisposablePaint();
        return plot.Axes.Bottom.Label.Measure(text, paint).Width;
    }

    [Fact]
    public void The_caption_falls_back_to_a_shorter_wording_on_a_narrow_picture()
    {
        var data = new ChartData([], [.. EventCatalogue.All.Where(e => e.IsDated)], [], new DateOnly(2020, 12, 11));

        var wide = ChartCaption.Caption(data, new ChartOptions(Days[0], Days[^1], ChartMode.Rebased, false, 1600, 600), CaptionWidth);
        var narrow = ChartCaption.Caption(data, new ChartOptions(Days[0], Days[^1], ChartMode.Rebased, true, 600, 400), CaptionWidth);

        Assert.Contains("through 2020-12-11", wide);
        Assert.Contains("all event categories", wide);
        Assert.Contains("through 2020-12-11", narrow);
        Assert.Contains("log scale", narrow);
        Assert.True(CaptionWidth(narrow) <= 600 - 16, narrow);
        Assert.True(CaptionWidth(wide) <= 1600 - 16, wide);
    }
}
