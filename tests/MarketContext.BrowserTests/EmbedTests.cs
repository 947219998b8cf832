using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MarketContext.Web.Features.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>
/// The embed code pasted into a page of another origin: a second server on its own port, reached as
/// <c>http://localhost:port</c> (an origin the app's setting lets frame its embeds) and as <c>http://127.0.0.1:port</c>
/// (one it does not).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class EmbedTests(DashboardFixture app)
{
    private const string Embed = "[data-testid=embed]";

    [Fact]
    public async Task In_a_page_of_another_origin_the_frame_takes_its_contents_height_and_the_picture_is_there_without_scripts()
    {
        var code = await CodeAsync("symbols=ERIC,NOK&from=2019-06-03&to=2019-12-31&width=640&height=360");
        await using var host = await HostPage.StartAsync($"<div id=\"column\" style=\"width:480px\">{code}</div><p>After the chart.</p>");
        await using var reader = await app.NewDashboardPageAsync();
        var page = reader.Page;

        await page.GotoAsync($"http://localhost:{host.Port}/");
        var iframe = page.Locator("iframe[data-marketcontext]");
        var frame = page.FrameLocator("iframe[data-marketcontext]");
        await Expect(frame.Locator(Embed)).ToBeVisibleAsync();
        await AssertSizedToContentAsync(page, iframe);

        // A narrower column draws a shorter picture: the frame follows.
        // A wider column draws a taller picture, and a narrower one a shorter picture again: the frame follows both ways.
        var before = await HeightAsync(iframe);
        await page.EvaluateAsync("() => document.getElementById('column').style.width = '900px'");
        await UntilAsync(async () => await HeightAsync(iframe) > before + 100, "the frame grows with its picture");
        await AssertSizedToContentAsync(page, iframe);
        await page.EvaluateAsync("() => document.getElementById('column').style.width = '480px'");
        await UntilAsync(async () => Math.Abs(await HeightAsync(iframe) - before) <= 2, "the frame shrinks back with its picture");
        await AssertSizedToContentAsync(page, iframe);
        Assert.Empty(reader.Errors);

        // With scripts on, a noscript's content is text: read as markup, it is the picture alone, with the embed's own alternative text.
        var fallback = await page.EvaluateAsync<string[]>("""
            () => {
              const template = document.createElement("template");
              template.innerHTML = document.querySelector("noscript").textContent;
              const img = template.content.querySelector("img");
              return [String(template.content.children.length), img.getAttribute("src"), img.getAttribute("alt")];
            }
            """);
        var alt = await frame.Locator("[data-testid=embed-picture]").GetAttributeAsync("alt");
        Assert.Equal("1", fallback[0]);
        Assert.StartsWith($"{app.BaseAddress.ToString().TrimEnd('/')}/api/chart.png?symbols=ERIC,NOK&from=2019-06-03&to=2019-12-31&width=640&height=360", fallback[1], StringComparison.Ordinal);
        Assert.StartsWith("Line chart: ", alt, StringComparison.Ordinal);
        Assert.Equal(alt, fallback[2]);
    }

    [Fact]
    public async Task A_page_of_an_origin_the_setting_does_not_name_is_refused_the_frame()
    {
        var code = await CodeAsync("symbols=ERIC&width=480&height=300");
        await using var host = await HostPage.StartAsync(code);
        await using var reader = await app.NewDashboardPageAsync();
        var page = reader.Page;

        // The same page from a named origin shows the embed: what follows is the policy, not a broken page.
        await page.GotoAsync($"http://localhost:{host.Port}/");
        await Expect(page.FrameLocator("iframe[data-marketcontext]").Locator(Embed)).ToBeVisibleAsync();

        await page.GotoAsync($"http://127.0.0.1:{host.Port}/");
        var child = await ChildFrameAsync(page);
        await child.WaitForLoadStateAsync(LoadState.Load);
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(0, await child.Locator(Embed).CountAsync());
        Assert.DoesNotContain("/embed/live", child.Url, StringComparison.Ordinal);
        // No height came from it: the frame keeps the browser's default.
        Assert.Equal(150, await HeightAsync(page.Locator("iframe[data-marketcontext]")), 1);
    }

    [Fact]
    public async Task A_live_embed_redraws_its_picture_for_an_annotation_in_its_days_and_only_for_those()
    {
        var editor = await app.CreateUserAsync(Roles.Editor);
        using var api = await app.ApiClientAsync(editor);
        const string view = "symbols=ERIC,NOK&from=2019-10-01&to=2019-10-31&width=640&height=360";
        await using var host = await HostPage.StartAsync(await CodeAsync(view));
        await using var reader = await app.NewDashboardPageAsync();
        var page = reader.Page;
        await page.GotoAsync($"http://localhost:{host.Port}/");
        // The frame loads lazily, after the host page: wait for its content before looking for it.
        await Expect(page.FrameLocator("iframe[data-marketcontext]").Locator(Embed)).ToBeVisibleAsync();
        var frame = page.Frames.Single(f => f.Url.Contains("/embed/live", StringComparison.Ordinal));
        var figure = frame.Locator(Embed);
        await Expect(figure).ToHaveAttributeAsync("data-seen-seq", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        await frame.EvaluateAsync("() => window.notReloaded = true");
        var first = await PixelsHashAsync(frame);

        var inside = await api.AddAnnotationAsync("2019-10-15", $"Embed live {Guid.NewGuid():N}"[..20]);
        var seq = inside.Seq.ToString(CultureInfo.InvariantCulture);
        await Expect(figure).ToHaveAttributeAsync("data-picture-seq", seq);
        var redrawn = await PixelsHashAsync(frame);
        Assert.NotEqual(first, redrawn);
        Assert.Equal(await PixelsHashAsync(frame, $"/api/chart.png?{view}"), redrawn);

        // A change outside its days is heard, and the picture is not asked for again.
        var pictureRequests = 0;
        page.Request += (_, request) => pictureRequests += request.Url.Contains("/api/chart.png", StringComparison.Ordinal) ? 1 : 0;
        var outside = await api.AddAnnotationAsync("2020-05-04", "Not in the embed's days");
        await Expect(figure).ToHaveAttributeAsync("data-seen-seq", outside.Seq.ToString(CultureInfo.InvariantCulture));
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(0, pictureRequests);
        Assert.Equal(seq, await figure.GetAttributeAsync("data-picture-seq"));
        Assert.Equal(redrawn, await PixelsHashAsync(frame));
        Assert.True(await frame.EvaluateAsync<bool>("() => window.notReloaded === true"));
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task The_embed_passes_axe_in_light_and_dark(string scheme)
    {
        var options = app.ContextOptions();
        options.ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light;
        options.ViewportSize = new ViewportSize { Width = 480, Height = 500 };
        await using var context = await app.Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        var found = new List<string>();
        foreach (var (path, state) in new[]
        {
            ("/embed/live?symbols=ERIC,NOK&width=480&height=300", "live embed"),
            ("/embed/live?width=wide", "refused embed"),
        })
        {
            await page.GotoAsync(path);
            if (state == "live embed")
            {
                await Expect(page.Locator("[data-testid=embed-picture]")).ToHaveJSPropertyAsync("complete", true);
                Assert.Equal(scheme == "dark" ? "dark" : "light", await page.EvaluateAsync<string>(
                    "() => new URL(document.querySelector('img').currentSrc).searchParams.get('theme') ?? 'light'"));
            }
            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
            });
            found.AddRange(result.Violations.SelectMany(v => v.Nodes.Select(n => $"{state}: {v.Id} at {n.Target}")));
        }
        Assert.True(found.Count == 0, $"axe found {found.Count} violation(s) in {scheme}:\n{string.Join("\n", found)}");
    }

    private async Task<string> CodeAsync(string view)
    {
        using var api = await app.ApiClientAsync();
        var answer = await api.GetFromJsonAsync<JsonElement>($"/api/chart/embed-code?{view}");
        return answer.GetProperty("code").GetString()!;
    }

    private static async Task<IFrame> ChildFrameAsync(IPage page)
    {
        await UntilAsync(() => Task.FromResult(page.MainFrame.ChildFrames.Count > 0), "the page has its frame");
        return page.MainFrame.ChildFrames[0];
    }

    private static Task<double> HeightAsync(ILocator iframe) => iframe.EvaluateAsync<double>("f => f.getBoundingClientRect().height");

    /// <summary>The frame's height is its document's whole height (within a pixel or two of rounding), and more than the default.</summary>
    private static async Task AssertSizedToContentAsync(IPage page, ILocator iframe)
    {
        var frame = page.Frames.Single(f => f.Url.Contains("/embed/live", StringComparison.Ordinal));
        var heights = "";
        await UntilAsync(async () =>
        {
            var (outside, inside) = (await HeightAsync(iframe), await frame.EvaluateAsync<double>("() => document.documentElement.scrollHeight"));
            heights = $"frame {outside} px, its document {inside} px";
            return Math.Abs(outside - inside) <= 2 && outside > 200;
        }, "the frame is as high as its document", () => heights);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + DashboardFixture.Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {DashboardFixture.Patience.TotalSeconds} s: {what}. {state?.Invoke()}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The SHA-256 of the pixels of the picture the embed shows, or of the server's picture at <paramref name="url"/>,
    /// both decoded by the browser in the embed's page.
    /// </summary>
    private static Task<string> PixelsHashAsync(IFrame frame, string? url = null) => frame.EvaluateAsync<string>("""
        async (url) => {
          const img = document.querySelector("[data-testid=embed-picture]");
          const picture = url ? new Image() : img;
          if (url) picture.src = URL.createObjectURL(await (await fetch(url, { cache: "no-store" })).blob());
          await picture.decode();
          const canvas = new OffscreenCanvas(picture.naturalWidth, picture.naturalHeight);
          const context = canvas.getContext("2d");
          context.drawImage(picture, 0, 0);
          const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
          const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", pixels));
          return [...hash].map((b) => b.toString(16).padStart(2, "0")).join("");
        }
        """, url);

    /// <summary>Another site: one page, the given body, on a loopback port of its own.</summary>
    private sealed class HostPage : IAsyncDisposable
    {
        private WebApplication _app = null!;

        public int Port { get; private set; }

        public static async Task<HostPage> StartAsync(string body)
        {
            var host = new HostPage();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            host._app = builder.Build();
            var html = $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>An article</title></head><body><h1>An article</h1>{body}</body></html>";
            host._app.Run(context =>
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                return context.Response.WriteAsync(html);
            });
            await host._app.StartAsync();
            host.Port = new Uri(host._app.Urls.First()).Port;
            return host;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
