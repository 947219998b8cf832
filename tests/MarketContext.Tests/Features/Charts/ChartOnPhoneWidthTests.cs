using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Rendering;
using ScottPlot;

namespace MarketContext.Tests.Features.Charts;

public sealed class ChartOnPhoneWidthTests
{
    private static readonly DateOnly[] Days = [.. Enumerable.Range(0, 40).Select(i => new DateOnly(2020, 3, 2).AddDays(i))];

    private static ChartData Data() => new(
        [new ChartSeries("ERIC", "Ericsson (ADR)", Days, [.. Days.Select((_, i) => 8 + i * 0.05)]),
         new ChartSeries("NOK", "Nokia (ADR)", Days, [.. Days.Select((_, i) => 4 - i * 0.02)])],
        [], [], Days[^1]);

    private static LabelStyle TitleLabel(ChartPicture picture) => picture.Plot.Axes.Title.Label;

    private static string TitleOf(ChartPicture picture) => TitleLabel(picture).Text;

    [Fact]
    public void A_phone_width_picture_titles_itself_with_the_symbols_and_dates_within_its_width()
    {
        using var wide = ChartRenderer.Render(Data(), new ChartOptions(Days[0], Days[^1], ChartMode.Rebased, false, 1200, 600));
        using var narrow = ChartRenderer.Render(Data(), new ChartOptions(Days[0], Days[^1], ChartMode.Rebased, false, 360, 270));

        Assert.StartsWith("Ericsson (ADR) vs Nokia (ADR), rebased to 100", TitleOf(wide));
        var title = TitleOf(narrow);
        Assert.StartsWith("ERIC vs NOK", title);
        Assert.Contains("2020-03-02", title);
        // Measured by ScottPlot in the title's own style, as it is drawn.
        using var paint = Paint.NewDisposablePaint();
        Assert.True(TitleLabel(narrow).Measure(title, paint).Width <= 360 - 16, $"\"{title}\" is too long for 360 pixels.");
    }

    [Fact]
    public void The_layout_says_where_annotation_labels_stack_so_a_page_can_draw_them_there()
    {
        var note = new Annotation(1, 1, Days[5], null, null, "A note", "tester", DateTime.UnixEpoch, DateTime.UnixEpoch);
        using var without = ChartRenderer.Render(Data(), new ChartOptions(Days[0], Days[^1], ChartMode.Rebased, false, 800, 400));
        using var with = ChartRenderer.Render(Data() with { Annotations = [note] }, new ChartOptions(Days[0], Days[^1], ChartMode.Rebased, false, 800, 400));

        var box = without.Layout.DataRect;
        Assert.InRange(without.Layout.AnnotationLabelBottom!.Value, box.Top, box.Top + box.Height);
        Assert.Equal(2, without.Layout.AnnotationLabelRows);
        Assert.Equal(without.Layout.AnnotationLabelBottom, with.Layout.AnnotationLabelBottom);
    }
}
