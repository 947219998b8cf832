using System.Globalization;
using System.Text.Json;
using MarketContext.Web.Features.Auth;
using Microsoft.Playwright;
using SkiaSharp;
using Xunit.Abstractions;
using static MarketContext.BrowserTests.ChartGeometry;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// What the page shows (its picture plus the annotation overlay) is what a download of the same view and size draws:
/// the same axes and ranges, the same annotation label boxes, and nearly the same pixels.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ScreenEqualsDownloadTests(DashboardFixture app, ITestOutputHelper output)
{
    /// <summary>In the page: the picture's query, its layout, the download's layout, and each label box on screen in picture pixels.</summary>
    private const string Measure = """
        async () => {
          const image = document.getElementById('chart-image');
          const query = new URLSearchParams(new URL(image.src).search);
          const picture = await (await fetch('/api/chart/layout?' + query)).json();
          const download = new URLSearchParams(query);
          download.delete('annotations');
          download.set('download', 'true');
          const file = await (await fetch('/api/chart/layout?' + download)).json();
          const box = image.getBoundingClientRect();
          const scale = box.width / Number(query.get('width'));
          const labels = [...document.querySelectorAll('#annotation-layer g.annotation-label')].map((g) => {
            const r = g.querySelector('rect.label-box').getBoundingClientRect();
            return { id: g.dataset.annotationId, text: g.querySelector('text').textContent,
              x: (r.left - box.left) / scale, y: (r.top - box.top) / scale, width: r.width / scale, height: r.height / scale };
          });
          return JSON.stringify({ picture, file, labels, scale, download: download.toString(),
            clip: { x: box.left, y: box.top, width: box.width, height: box.height } });
        }
        """;

    [Fact]
    public async Task The_page_and_the_download_have_the_same_axes_label_boxes_and_pixels()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var low = await api.AddAnnotationAsync("2020-03-16", $"March low {tag}");
        var other = await api.AddAnnotationAsync("2020-04-02", $"<b>Not bold</b> & {tag}");
        await using var viewer = await app.OpenDashboardAsync(path: "/?symbols=ERIC,NOK&from=2020-02-17&to=2020-04-24");
        var page = viewer.Page;
        await WaitForChartAsync(page);
        await Expect(page.GetByTestId("chart")).ToHaveAttributeAsync("data-annotations-seq", new System.Text.RegularExpressions.Regex(@"^\d+$"));
        await Expect(page.Locator("#annotation-layer text").Filter(new() { HasText = $"March low {tag}" })).ToHaveCountAsync(1);
        // Text, not markup: the label shows the angle brackets.
        await Expect(page.Locator("#annotation-layer text").Filter(new() { HasText = $"<b>Not bold</b> & {tag}" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#annotation-layer b")).ToHaveCountAsync(0);
        await page.Mouse.MoveAsync(1, 1);

        using var measured = JsonDocument.Parse(await page.EvaluateAsync<string>(Measure));
        var root = measured.RootElement;
        var picture = root.GetProperty("picture");
        var file = root.GetProperty("file");
        foreach (var field in new[] { "dataRect", "xMin", "xMax", "yMin", "yMax" })
        {
            Assert.Equal(file.GetProperty(field).GetRawText(), picture.GetProperty(field).GetRawText());
        }

        var fileLabels = file.GetProperty("annotations").EnumerateArray().Where(m => m.GetProperty("label").ValueKind == JsonValueKind.Object)
            .ToDictionary(m => m.GetProperty("id").GetString()!, m => m.GetProperty("label"));
        var screenLabels = root.GetProperty("labels").EnumerateArray().ToList();
        Assert.Equal(fileLabels.Keys.Order(), screenLabels.Select(l => l.GetProperty("id").GetString()!).Order());
        Assert.Contains(low.Id.ToString(CultureInfo.InvariantCulture), fileLabels.Keys);
        Assert.Contains(other.Id.ToString(CultureInfo.InvariantCulture), fileLabels.Keys);
        foreach (var screen in screenLabels)
        {
            var expected = fileLabels[screen.GetProperty("id").GetString()!];
            Assert.Equal(expected.GetProperty("text").GetString(), screen.GetProperty("text").GetString());
            foreach (var side in new[] { "x", "y", "width", "height" })
            {
                var (want, got) = (expected.GetProperty(side).GetDouble(), screen.GetProperty(side).GetDouble());
                Assert.True(Math.Abs(want - got) <= 1, $"Label {screen.GetProperty("id")}: {side} is {got:0.00} on screen and {want:0.00} in the download.");
            }
        }

        // Pixels: only meaningful when the picture is shown at its own size (1 CSS pixel per picture pixel).
        Assert.Equal(1.0, root.GetProperty("scale").GetDouble(), 3);
        var clip = root.GetProperty("clip");
        var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Clip = new Clip { X = clip.GetProperty("x").GetSingle(), Y = clip.GetProperty("y").GetSingle(), Width = clip.GetProperty("width").GetSingle(), Height = clip.GetProperty("height").GetSingle() },
        });
        var download = await api.GetByteArrayAsync("/api/chart.png?" + root.GetProperty("download").GetString());
        var differing = DifferingShare(screenshot, download);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Page screenshot vs downloaded PNG: {differing:P2} of pixels differ by more than 48 in a channel."));
        Assert.True(differing < 0.01, string.Create(CultureInfo.InvariantCulture, $"{differing:P2} of the pixels differ between the page and the download."));
        viewer.AssertNoScriptErrors();
    }

    /// <summary>The share of pixels whose colour differs by more than 48 in any channel (text edges anti-alias differently).</summary>
    private static double DifferingShare(byte[] pngA, byte[] pngB)
    {
        using var a = SKBitmap.Decode(pngA);
        using var b = SKBitmap.Decode(pngB);
        Assert.Equal((b.Width, b.Height), (a.Width, a.Height));
        var differing = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var (p, q) = (a.GetPixel(x, y), b.GetPixel(x, y));
                if (Math.Abs(p.Red - q.Red) > 48 || Math.Abs(p.Green - q.Green) > 48 || Math.Abs(p.Blue - q.Blue) > 48)
                {
                    differing++;
                }
            }
        }
        return (double)differing / (a.Width * a.Height);
    }
}
