using System.Globalization;
using System.Text;
using MarketContext.Web.Features.Auth;
using Microsoft.AspNetCore.WebUtilities;
using static MarketContext.BrowserTests.ChartGeometry;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// The page draws the shared annotations over a picture without them, as the server placed them for the seq it is at,
/// so a change reaches the chart without a new picture; downloads have them drawn in by the server's renderer.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveChartLayerTests(DashboardFixture app)
{
    [Fact]
    public async Task An_annotation_added_edited_and_deleted_elsewhere_changes_the_chart_without_a_new_picture()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        // A few weeks of their own, so that other tests' notes do not crowd this one's label down to its id.
        await using var viewer = await app.OpenDashboardAsync(path: "/?from=2019-09-02&to=2019-09-30");
        var page = viewer.Page;
        await WaitForChartAsync(page);
        var chartRequests = new List<string>();
        page.Request += (_, request) =>
        {
            // The marks themselves come from /api/chart/annotations (placed once per seq); no picture is drawn again.
            if (request.Url.Contains("/api/chart", StringComparison.Ordinal) && !request.Url.Contains("/api/chart/annotations", StringComparison.Ordinal))
            {
                chartRequests.Add(request.Url);
            }
        };
        var text = $"Live layer {Guid.NewGuid():N}"[..24];

        var added = await api.AddAnnotationAsync("2019-09-16", text);
        await Expect(page.GetByTestId("chart")).ToHaveAttributeAsync("data-annotations-seq", added.Seq.ToString(CultureInfo.InvariantCulture));
        var line = page.Locator($"#annotation-layer line[data-annotation-id=\"{added.Id}\"]");
        await Expect(line).ToHaveCountAsync(1);
        await Expect(page.Locator("#annotation-layer text").Filter(new() { HasText = text })).ToHaveCountAsync(1);
        Assert.Equal("#8B2F00", await line.GetAttributeAsync("stroke"));

        var edited = await api.EditAnnotationAsync(added.Id, "2019-09-17", "Edited " + text);
        await Expect(page.GetByTestId("chart")).ToHaveAttributeAsync("data-annotations-seq", edited.Seq.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#annotation-layer text").Filter(new() { HasText = "Edited " })).ToHaveCountAsync(1);

        await api.DeleteAnnotationAsync(added.Id);
        await Expect(page.GetByTestId("chart")).ToHaveAttributeAsync("data-annotations-seq", (edited.Seq + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(line).ToHaveCountAsync(0);
        await Expect(page.Locator($"[data-testid=chart] .marker[data-kind=annotation][data-id=\"{added.Id}\"]")).ToHaveCountAsync(0);

        Assert.True(chartRequests.Count == 0, "The viewer asked for chart pictures: " + string.Join(", ", chartRequests));
        viewer.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_change_redraws_only_the_marks_it_moves_and_keeps_the_others_nodes()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        await using var viewer = await app.OpenDashboardAsync(path: "/?from=2019-06-03&to=2019-06-28");
        var page = viewer.Page;
        await WaitForChartAsync(page);
        var first = await api.AddAnnotationAsync("2019-06-05", "Kept " + Guid.NewGuid().ToString("N")[..8]);
        await Expect(page.GetByTestId("chart")).ToHaveAttributeAsync("data-annotations-seq", first.Seq.ToString(CultureInfo.InvariantCulture));
        // Tags the first mark's nodes: a node drawn again would be a new one, without the tag.
        await page.EvaluateAsync("""
            (id) => {
              document.querySelector(`#annotation-layer line[data-annotation-id="${id}"]`).__kept = true;
              document.querySelector(`.marker-annotation[data-id="${id}"]`).__kept = true;
            }
            """, first.Id);

        var second = await api.AddAnnotationAsync("2019-06-25", "Moved " + Guid.NewGuid().ToString("N")[..8]);
        await Expect(page.GetByTestId("chart")).ToHaveAttributeAsync("data-annotations-seq", second.Seq.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator($"#annotation-layer line[data-annotation-id=\"{second.Id}\"]")).ToHaveCountAsync(1);
        await api.DeleteAnnotationAsync(second.Id);
        await Expect(page.GetByTestId("chart")).ToHaveAttributeAsync("data-annotations-seq", (second.Seq + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator($"#annotation-layer line[data-annotation-id=\"{second.Id}\"]")).ToHaveCountAsync(0);

        var kept = await page.EvaluateAsync<bool[]>("""
            (id) => [
              document.querySelector(`#annotation-layer line[data-annotation-id="${id}"]`)?.__kept === true,
              document.querySelector(`.marker-annotation[data-id="${id}"]`)?.__kept === true,
            ]
            """, first.Id);
        Assert.Equal([true, true], kept);
        viewer.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_page_asks_for_the_picture_without_annotations_and_the_downloads_draw_them_in()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        var text = $"In the file {Guid.NewGuid():N}"[..20];
        var added = await api.AddAnnotationAsync("2019-11-12", text);
        await using var viewer = await app.OpenDashboardAsync(path: "/?from=2019-11-04&to=2019-11-22");
        var page = viewer.Page;
        await WaitForChartAsync(page);
        await Expect(page.Locator($"#annotation-layer line[data-annotation-id=\"{added.Id}\"]")).ToHaveCountAsync(1);

        Assert.Contains("annotations=false", await page.Locator("#chart-image").GetAttributeAsync("src"));
        var svgLink = await page.GetByTestId("download-svg").GetAttributeAsync("href");
        Assert.DoesNotContain("annotations=false", svgLink);
        Assert.DoesNotContain("annotations=false", await page.GetByTestId("download-png").GetAttributeAsync("href"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-svg").ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var svg = await reader.ReadToEndAsync();
        Assert.Contains(text, svg);

        var query = new Uri(new Uri(page.Url), svgLink).Query;
        var layout = await api.GetStringAsync("/api/chart/layout" + query);
        Assert.Contains($"\"kind\":\"annotation\",\"id\":\"{added.Id}\"", layout);
        Assert.Equal("true", QueryHelpers.ParseQuery(query)["download"]);
        viewer.AssertNoScriptErrors();
    }
}
