using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MarketContext.BrowserTests;

/// <summary>Where the chart's data area is on screen, and spots in it a pointer can use.</summary>
public static partial class ChartGeometry
{
    /// <summary>Waits until the chart shows a picture, its markers and annotations (the page has set its seq).</summary>
    public static async Task WaitForChartAsync(IPage page)
    {
        await page.WaitForFunctionAsync("""
            () => {
              const i = document.getElementById('chart-image');
              return i.complete && i.naturalWidth > 0 && i.src.includes('width=') && document.getElementById('chart').dataset.annotationsSeq !== undefined;
            }
            """);
        await page.GetByTestId("chart").ScrollIntoViewIfNeededAsync();
    }

    /// <summary>
    /// A free spot (no marker on it) at about <paramref name="fraction"/> of the data area's width, at 60% of its height,
    /// in viewport pixels. The data area comes from the layout of the picture on screen.
    /// </summary>
    public static async Task<(float X, float Y)> SpotAsync(IPage page, double fraction)
    {
        var spot = await page.EvaluateAsync<double[]>("""
            async (fraction) => {
              const image = document.getElementById('chart-image');
              const query = new URL(image.src).search;
              const layout = await (await fetch('/api/chart/layout' + query)).json();
              const width = Number(new URLSearchParams(query).get('width'));
              const box = image.getBoundingClientRect();
              const scale = box.width / width;
              const overlay = document.getElementById('chart-overlay');
              const y = box.top + (layout.dataRect.top + layout.dataRect.height * 0.6) * scale;
              for (let step = 0; step < 300; step++) {
                for (const sign of [1, -1]) {
                  const x = box.left + (layout.dataRect.left + layout.dataRect.width * (fraction + sign * step / 2000)) * scale;
                  if (document.elementFromPoint(x, y) === overlay) return [x, y];
                }
              }
              throw new Error('No free spot on the chart near ' + fraction);
            }
            """, fraction);
        return ((float)spot[0], (float)spot[1]);
    }

    public static async Task DragAsync(IPage page, (float X, float Y) from, (float X, float Y) to, string? modifier = null)
    {
        await page.Mouse.MoveAsync(from.X, from.Y);
        if (modifier is not null)
        {
            await page.Keyboard.DownAsync(modifier);
        }
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to.X, to.Y, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        if (modifier is not null)
        {
            await page.Keyboard.UpAsync(modifier);
        }
    }

    /// <summary>The from and to of the page's own address.</summary>
    public static (DateOnly From, DateOnly To) UrlRange(IPage page)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query);
        return (DateOnly.Parse(query["from"]!, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(query["to"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until the page's address and its picture show a range other than <paramref name="before"/>.</summary>
    public static async Task<(DateOnly From, DateOnly To)> WaitForRangeChangeAsync(IPage page, (DateOnly From, DateOnly To) before)
    {
        await page.WaitForFunctionAsync("""
            ([from, to]) => {
              const q = new URLSearchParams(location.search);
              const src = new URLSearchParams(new URL(document.getElementById('chart-image').src).search);
              const moved = q.get('from') !== from || q.get('to') !== to;
              return moved && src.get('from') === q.get('from') && src.get('to') === q.get('to') && document.getElementById('chart-image').complete;
            }
            """, new[] { Iso(before.From), Iso(before.To) });
        return UrlRange(page);
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("^\\d{4}-\\d{2}-\\d{2}$")]
    public static partial Regex IsoDate();
}
