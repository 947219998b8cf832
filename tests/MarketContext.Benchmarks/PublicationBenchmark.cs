using System.Globalization;
using System.Net.Http.Json;
using MarketContext.Web.Features.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Benchmarks;

/// <summary>
/// A publication's picture (the full-history chart of ERIC and NOK, published once) fetched from its stored bytes,
/// against the live chart of the same query drawn for every request, in turns in the same run; and the publication's
/// picture asked again with its ETag. Publishing itself (every format drawn once) is reported beside them.
/// </summary>
public static class PublicationBenchmark
{
    private const string Query = "symbols=ERIC,NOK&from=1981-01-01&to=2020-12-31&events=all&width=1200&height=600";

    public static async Task<IReadOnlyList<string>> RunAsync(string prices)
    {
        await using var app = new App(prices, settings: new Dictionary<string, string?> { ["MarketContext:ChartCacheBytes"] = "0" });
        using var http = app.Http();
        var users = app.Services.GetRequiredService<UserStore>();
        var editor = await users.AddAsync("bench-editor", "password-of-bench-editor", "editor");
        http.DefaultRequestHeaders.Authorization = new("Bearer", await users.CreateTokenAsync(editor));

        var publish = await Measure.TimeAsync("publish", 5, async () =>
        {
            using var response = await http.PostAsJsonAsync("/api/publications", new { kind = "chart", query = Query, title = "ERIC and NOK since 1981", source = "Yahoo Finance" });
            response.EnsureSuccessStatusCode();
        }, warmup: 1);
        var url = "/p/eric-and-nok-since-1981/1.png";
        Timing live = null!, published = null!;
        // In turns, so that whatever else the machine does falls on both alike.
        var (liveSamples, publishedSamples) = (new List<double>(), new List<double>());
        for (var round = 0; round < 5; round++)
        {
            live = await Measure.TimeAsync("live", 6, () => FetchAsync(http, "/api/chart.png?" + Query), warmup: round == 0 ? 2 : 0);
            published = await Measure.TimeAsync("published", 6, () => FetchAsync(http, url), warmup: round == 0 ? 2 : 0);
            liveSamples.Add(live.MedianMs);
            publishedSamples.Add(published.MedianMs);
        }
        var (liveMs, publishedMs) = (Median(liveSamples), Median(publishedSamples));
        var etag = (await http.GetAsync(url)).Headers.ETag!.Tag;
        var again = await Measure.TimeAsync("304", 30, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            using var response = await http.SendAsync(request);
            if (response.StatusCode != System.Net.HttpStatusCode.NotModified)
            {
                throw new InvalidOperationException($"Expected 304, got {response.StatusCode}.");
            }
        });
        return
        [
            string.Create(CultureInfo.InvariantCulture,
                $"| publication: its PNG (full-history ERIC + NOK, 1200×600) from the stored bytes vs the live chart of the same query drawn every request | published median {publishedMs:0.0} ms, live median {liveMs:0.0} ms | {publishedMs / liveMs:0.00} × the live chart (goal ≤ 1.2) |"),
            string.Create(CultureInfo.InvariantCulture,
                $"| publication: its PNG asked again with its ETag | 304 median {again.MedianMs:0.00} ms, p95 {again.P95Ms:0.00} ms | goal ≤ 1 ms |"),
            string.Create(CultureInfo.InvariantCulture,
                $"| publication: publishing it (PNG and SVG light and dark, CSV, JSON and PDF drawn once, stored) | median {publish.MedianMs:0} ms | {publish.MedianMs / liveMs:0.0} × one live PNG |"),
        ];
    }

    private static async Task FetchAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return Measure.Percentile(sorted, 0.5);
    }
}
