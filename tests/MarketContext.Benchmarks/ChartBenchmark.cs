using System.Globalization;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.Prices;
using Microsoft.Extensions.DependencyInjection;
using ScottPlot;

namespace MarketContext.Benchmarks;

/// <summary>
/// Issue C: the full-history chart (ERIC + NOK since 1981, all events) from the endpoint, against drawing every
/// one of its points directly with ScottPlot at the same size; and a repeat request revalidated by its ETag. And the
/// full history of two listings of one company in two currencies (ERIC in USD, ERIC-B.ST in SEK) drawn in one
/// currency, against the same chart with each in its own.
/// </summary>
public static class ChartBenchmark
{
    private static readonly Dictionary<string, string?> NoRenderCache = new() { ["MarketContext:ChartCacheBytes"] = "0" };

    private const string Query = "/api/chart.png?symbols=ERIC,NOK&from=1981-01-01&to=2020-12-31&events=all&width=1200&height=600";

    public static async Task<IReadOnlyList<string>> RunAsync(string prices)
    {
        await using var app = new App(prices);
        using var http = app.Http();
        var cache = app.Services.GetRequiredService<PriceSeriesCache>();
        var series = await cache.GetAsync("ERIC", "NOK");
        var points = series.Sum(s => s.Dates.Length);

        // A server that keeps no rendered pictures draws every request: the full render.
        await using var drawing = new App(prices, settings: NoRenderCache);
        using var drawingHttp = drawing.Http();
        var endpoint = await Measure.TimeAsync("endpoint", 30, async () =>
        {
            using var response = await drawingHttp.GetAsync(Query);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
        var cached = await Measure.TimeAsync("render cache", 30, async () =>
        {
            using var response = await http.GetAsync(Query);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
        var direct = await Measure.TimeAsync("direct ScottPlot", 30, () =>
        {
            DrawEveryPoint(series);
            return Task.CompletedTask;
        });
        var etag = (await http.GetAsync(Query)).Headers.ETag!.Tag;
        var revalidated = await Measure.TimeAsync("304", 30, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Query);
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            using var response = await http.SendAsync(request);
            if (response.StatusCode != System.Net.HttpStatusCode.NotModified)
            {
                throw new InvalidOperationException($"Expected 304, got {response.StatusCode}.");
            }
        });

        var currencies = await CurrencyAsync(prices);
        return
        [
            currencies,
            string.Create(CultureInfo.InvariantCulture,
                $"| chart: full history PNG ({points:N0} points, all events), endpoint vs direct ScottPlot | endpoint median {endpoint.MedianMs:0.0} ms, direct median {direct.MedianMs:0.0} ms | {endpoint.MedianMs / direct.MedianMs:0.00} × direct (must be ≤ 1) |"),
            string.Create(CultureInfo.InvariantCulture,
                $"| chart: the same view asked by another viewer (render cache) | median {cached.MedianMs:0.0} ms, p95 {cached.P95Ms:0.0} ms | {cached.MedianMs / endpoint.MedianMs:0.00} × a full render |"),
            string.Create(CultureInfo.InvariantCulture,
                $"| chart: repeat request with its ETag | 304 median {revalidated.MedianMs:0.0} ms, p95 {revalidated.P95Ms:0.0} ms | {revalidated.MedianMs / endpoint.MedianMs:0.00} × a full render |"),
        ];
    }

    private const string ListingsQuery = "/api/chart.png?symbols=ERIC,ERIC-B.ST&from=1981-01-01&to=2020-12-31&events=all&width=1200&height=600";

    /// <summary>The same full-history PNG of ERIC and ERIC-B.ST in their own currencies, all in SEK and all in USD: a new view each time.</summary>
    private static async Task<string> CurrencyAsync(string prices)
    {
        var markets = Environment.GetEnvironmentVariable("MarketContext__MarketsDirectory") is { Length: > 0 } set ? set : Path.Combine(prices, "..", "markets");
        await using var app = new App(prices, Path.GetFullPath(markets), NoRenderCache);
        using var http = app.Http();
        Func<Task> Draw(string currency) => async () =>
        {
            using var response = await http.GetAsync($"{ListingsQuery}{currency}");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        };
        // In turns, so that the load of the machine falls on the three alike.
        string[] currencies = ["", "&currency=SEK", "&currency=USD"];
        var samples = currencies.Select(_ => new List<double>()).ToArray();
        for (var round = -3; round < 30; round++)
        {
            for (var i = 0; i < currencies.Length; i++)
            {
                var stopwatch = System.Diagnostics.Stopwatch.StartNew();
                await Draw(currencies[i])();
                if (round >= 0)
                {
                    samples[i].Add(stopwatch.Elapsed.TotalMilliseconds);
                }
            }
        }
        var (own, sek, usd) = (Median(samples[0]), Median(samples[1]), Median(samples[2]));
        var worst = Math.Max(sek, usd);
        return string.Create(CultureInfo.InvariantCulture,
            $"| chart: full history of ERIC (USD) and ERIC-B.ST (SEK) in one currency vs each in its own | own median {own:0.0} ms, in SEK {sek:0.0} ms, in USD {usd:0.0} ms (30 rounds in turns) | {worst / own:0.00} × own currencies (must be ≤ 1.2) |");
    }

    private static double Median(List<double> samples) => Measure.Percentile([.. samples.Order()], 0.5);

    /// <summary>The reference: every point and every event, straight into ScottPlot, no decimation.</summary>
    private static byte[] DrawEveryPoint(CachedSeries[] series)
    {
        Fonts.Default = "DejaVu Sans";
        using var plot = new Plot();
        foreach (var s in series)
        {
            var first = s.Values[0];
            plot.Add.ScatterLine(s.Dates.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray(), s.Values.Select(v => v / first * 100).ToArray());
        }
        foreach (var e in EventCatalogue.All.Where(e => e.IsDated))
        {
            var x = (e.FirstPublic ?? e.Date!.Value).ToDateTime(TimeOnly.MinValue).ToOADate();
            if (e.EndDate is { } end)
            {
                plot.Add.HorizontalSpan(x, end.ToDateTime(TimeOnly.MinValue).ToOADate());
            }
            else
            {
                plot.Add.VerticalLine(x).Text = e.Label;
            }
        }
        plot.Axes.DateTimeTicksBottom();
        return plot.GetImageBytes(1200, 600, ImageFormat.Png);
    }
}
