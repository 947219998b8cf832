using System.Buffers.Binary;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Xml.Linq;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Rendering;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>The chart as a person meets it: the picture, its downloads and the markers over it.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ChartTests(DashboardFixture app)
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task The_PNG_download_is_a_png_of_the_requested_size()
    {
        await using var dashboard = await app.OpenDashboardAsync();
        var (query, download) = await DownloadAsync(dashboard, "download-png");

        Assert.EndsWith(".png", download.SuggestedFilename);
        Assert.Contains(query["from"], download.SuggestedFilename);
        Assert.Contains(query["to"], download.SuggestedFilename);
        var bytes = await ReadAsync(download);
        Assert.True(bytes.Length > 24 && bytes.AsSpan(0, 8).SequenceEqual(PngSignature), "The download does not start with the PNG signature.");
        Assert.Equal("IHDR", Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(int.Parse(query["width"], CultureInfo.InvariantCulture), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(int.Parse(query["height"], CultureInfo.InvariantCulture), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_SVG_download_is_an_svg_of_the_requested_size()
    {
        await using var dashboard = await app.OpenDashboardAsync();
        var (query, download) = await DownloadAsync(dashboard, "download-svg");

        Assert.EndsWith(".svg", download.SuggestedFilename);
        Assert.Contains(query["from"], download.SuggestedFilename);
        Assert.Contains(query["to"], download.SuggestedFilename);
        var text = Encoding.UTF8.GetString(await ReadAsync(download));
        var body = text.TrimStart();
        if (body.StartsWith("<?xml", StringComparison.Ordinal))
        {
            body = body[(body.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart();
        }
        Assert.StartsWith("<svg", body);
        var svg = XDocument.Parse(text).Root!;
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal(query["width"], svg.Attribute("width")?.Value);
        Assert.Equal(query["height"], svg.Attribute("height")?.Value);
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Hovering_an_event_marker_shows_the_events_title_in_the_tooltip()
    {
        await using var dashboard = await app.OpenDashboardAsync();
        var titles = await EventTitlesAsync();
        var markers = dashboard.Page.Locator("[data-testid=chart] .marker[data-kind=event]");
        await Expect(markers.First).ToBeAttachedAsync();
        await dashboard.Page.GetByTestId("chart").ScrollIntoViewIfNeededAsync();

        // Markers may overlap where events crowd together; hover one that is on top at its centre, as a pointer would find it.
        var id = await dashboard.Page.EvaluateAsync<string?>("""
            () => [...document.querySelectorAll('[data-testid=chart] .marker[data-kind=event]')].find((m) => {
                const r = m.getBoundingClientRect();
                return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === m;
            })?.dataset.id ?? null
            """);
        Assert.NotNull(id);
        await dashboard.Page.Locator($"[data-testid=chart] .marker[data-kind=event][data-id=\"{id}\"]").HoverAsync();

        var tooltip = dashboard.Page.Locator("#chart-tooltip");
        await Expect(tooltip).ToBeVisibleAsync();
        await Expect(tooltip.Locator("h3")).ToHaveTextAsync(titles[id]);
        await Expect(dashboard.Page.Locator($"#event-{id}")).ToHaveClassAsync("is-active");
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Focusing_an_event_marker_from_the_keyboard_shows_the_events_title_in_the_tooltip()
    {
        await using var dashboard = await app.OpenDashboardAsync();
        var titles = await EventTitlesAsync();
        var marker = dashboard.Page.Locator("[data-testid=chart] .marker[data-kind=event]").Last;
        await Expect(marker).ToBeAttachedAsync();
        var id = await marker.GetAttributeAsync("data-id");

        await marker.FocusAsync();

        var tooltip = dashboard.Page.Locator("#chart-tooltip");
        await Expect(tooltip).ToBeVisibleAsync();
        await Expect(tooltip.Locator("h3")).ToHaveTextAsync(titles[id!]);
        // Then each listing's day 0 and why, as the layout gives it.
        await Expect(marker).ToHaveAttributeAsync("aria-label",
            new System.Text.RegularExpressions.Regex($"^Event {System.Text.RegularExpressions.Regex.Escape($"{id}: {titles[id!]}")}; ERIC day 0 \\d{{4}}-\\d\\d-\\d\\d: .+ → "));
        await Expect(tooltip.GetByTestId("day-zeros").Locator("li").First).ToContainTextAsync("ERIC day 0 ");
        await dashboard.Page.Keyboard.PressAsync("Escape");
        await Expect(tooltip).ToBeHiddenAsync();
        dashboard.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_full_page_screenshot_of_the_dashboard_is_saved()
    {
        await using var dashboard = await app.OpenDashboardAsync(await app.CreateUserAsync(Roles.Editor));
        await dashboard.SubmitAnnotationAsync("2019-10-01", "Screenshot annotation: a note on the chart", symbol: "NOK");
        await Expect(dashboard.AnnotationWithText("Screenshot annotation")).ToHaveCountAsync(1);
        // The marker comes from the layout fetched after the new picture was requested: once it is there, the picture shows the note too.
        var id = await dashboard.AnnotationWithText("Screenshot annotation").GetAttributeAsync("data-annotation-id");
        await Expect(dashboard.Page.Locator($"[data-testid=chart] .marker[data-kind=annotation][data-id=\"{id}\"]")).ToBeAttachedAsync();
        await WaitForChartPictureAsync(dashboard.Page);

        var folder = Environment.GetEnvironmentVariable("MARKETCONTEXT_SCREENSHOTS") is { Length: > 0 } configured
            ? Directory.CreateDirectory(configured).FullName
            : Directory.CreateTempSubdirectory("marketcontext-screenshots-").FullName;
        var path = Path.Combine(folder, "dashboard.png");
        var bytes = await dashboard.Page.ScreenshotAsync(new() { Path = path, FullPage = true });

        Assert.True(File.Exists(path));
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(PngSignature));
        // Full page: at least as tall as the viewport, and the whole dashboard rather than a blank or error page.
        Assert.True(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)) >= 900);
        await Expect(dashboard.Page.Locator("[data-testid=no-prices]")).ToHaveCountAsync(0);
        Console.WriteLine($"Dashboard screenshot: {path}");
        dashboard.AssertNoScriptErrors();
    }

    /// <summary>Waits until the page has drawn the chart at its own size, then clicks a download link.</summary>
    private static async Task<(Dictionary<string, string> Query, IDownload Download)> DownloadAsync(DashboardPage dashboard, string testId)
    {
        var link = dashboard.Page.GetByTestId(testId);
        await Expect(link).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("[?&]width=\\d+"));
        await WaitForChartPictureAsync(dashboard.Page);
        var href = await link.GetAttributeAsync("href");
        var query = QueryHelpers.ParseQuery(new Uri(new Uri(dashboard.Page.Url), href!).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
        var download = await dashboard.Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Null(await download.FailureAsync());
        return (query, download);
    }

    private static async Task<byte[]> ReadAsync(IDownload download)
    {
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task WaitForChartPictureAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('chart-image'); return i.complete && i.naturalWidth > 0 && i.src.includes('width='); }");

    private async Task<Dictionary<string, string>> EventTitlesAsync()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var events = await http.GetFromJsonAsync<List<EventTitle>>("/api/events");
        return events!.ToDictionary(e => e.Id, e => e.Title);
    }

    private sealed record EventTitle(string Id, string Title);
}
