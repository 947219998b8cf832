using System.Text.Json;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Rendering;
using SkiaSharp;

namespace MarketContext.Tests.Features.Charts;

/// <summary>
/// The page's picture (no annotations) and a download (with them) share one frame, and the download draws the marks
/// the overlay placement gives, where it gives them.
/// </summary>
public sealed class AnnotationOverlayTests
{
    private static readonly DateOnly[] Days = [.. Enumerable.Range(0, 60).Select(i => new DateOnly(2020, 2, 3).AddDays(i))];

    private static readonly Annotation[] Notes =
    [
        new(7, 7, new DateOnly(2020, 3, 16), null, null, "NOK's March low", "tester", DateTime.UnixEpoch, DateTime.UnixEpoch),
        new(8, 8, new DateOnly(2020, 2, 20), new DateOnly(2020, 2, 27), null, "A week <b>& more</b>", "tester", DateTime.UnixEpoch, DateTime.UnixEpoch),
    ];

    private static ChartData Data(params Annotation[] annotations) => new(
        [new ChartSeries("ERIC", "Ericsson (ADR)", Days, [.. Days.Select((_, i) => 8 + Math.Sin(i / 5.0))]),
         new ChartSeries("NOK", "Nokia (ADR)", Days, [.. Days.Select((_, i) => 4 - i * 0.02)])],
        [], annotations, Days[^1]);

    private static readonly ChartOptions Options = new(Days[0], Days[^1], ChartMode.Rebased, false, 900, 450);

    [Fact]
    public void The_frame_is_the_same_with_and_without_annotations()
    {
        using var without = ChartRenderer.Render(Data(), Options);
        using var with = ChartRenderer.Render(Data(Notes), Options);

        Assert.Equal(without.Layout.DataRect, with.Layout.DataRect);
        Assert.Equal(without.Layout.YMin, with.Layout.YMin);
        Assert.Equal(without.Layout.YMax, with.Layout.YMax);
        Assert.Equal(without.Layout.XMin, with.Layout.XMin);
        Assert.Equal(without.Layout.XMax, with.Layout.XMax);
    }

    [Fact]
    public void A_download_draws_exactly_the_marks_placed_over_the_picture_without_them()
    {
        using var without = ChartRenderer.Render(Data(), Options);
        using var with = ChartRenderer.Render(Data(Notes), Options);
        using var measure = new TextMeasure();

        var placed = AnnotationOverlay.Place(AnnotationOverlay.Frame.Of(without.Layout)!, Notes, measure);

        Assert.Equal(JsonSerializer.Serialize(placed), JsonSerializer.Serialize(with.Layout.Annotations));
        Assert.Equal(["8", "7"], placed.Select(m => m.Id));
        Assert.Equal("A week <b>& more</b>", placed[0].Label!.Text);
        Assert.NotNull(placed[0].X2);
        Assert.Null(placed[1].X2);
    }

    [Fact]
    public void Every_pixel_the_annotations_change_lies_within_their_marks_and_each_label_box_is_drawn()
    {
        using var without = ChartRenderer.Render(Data(), Options);
        using var with = ChartRenderer.Render(Data(Notes), Options);
        using var before = SKBitmap.Decode(without.ToPng());
        using var after = SKBitmap.Decode(with.ToPng());
        var marks = with.Layout.Annotations!;

        bool InMark(int x, int y) => marks.Any(m =>
            (m.X2 is { } x2 ? x >= m.X - 2 && x <= x2 + 2 : Math.Abs(x - m.X) <= 2) && y >= m.Top - 2 && y <= m.Top + m.Height + 2
            || m.Label is { } l && x >= l.X - 1 && x <= l.X + l.Width + 1 && y >= l.Y - 1 && y <= l.Y + l.Height + 1);
        var changed = 0;
        for (var y = 0; y < after.Height; y++)
        {
            for (var x = 0; x < after.Width; x++)
            {
                if (before.GetPixel(x, y) != after.GetPixel(x, y))
                {
                    changed++;
                    Assert.True(InMark(x, y), $"Pixel ({x}, {y}) changed outside every annotation mark: {JsonSerializer.Serialize(marks)}");
                }
            }
        }
        Assert.True(changed > 100, $"Only {changed} pixels changed.");
        foreach (var label in marks.Select(m => m.Label!))
        {
            // Text in the annotation colour inside the box: a dark reddish pixel somewhere within it.
            var inked = Enumerable.Range((int)label.X, (int)label.Width).SelectMany(x => Enumerable.Range((int)label.Y, (int)label.Height).Select(y => after.GetPixel(x, y)))
                .Any(p => p.Red > 90 && p.Red > p.Green * 2 && p.Blue < 60);
            Assert.True(inked, $"No text drawn in the box of \"{label.Text}\".");
        }
    }
}
