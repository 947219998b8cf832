using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace MarketContext.Benchmarks;

/// <summary>
/// An anonymous client asks for 8 of the largest allowed charts at once (2000 × 2000 at scale 2 = 16 megapixels,
/// full history, every event), three rounds in a row, while another client polls <c>/healthz</c> every 50 ms.
/// Measured on the server process: RSS growth over its warmed-up idle RSS (goal ≤ 1 GB), and /healthz latency
/// during the load (goal &lt; 100 ms). Reference in the same run: the same load on a server whose rendering slots
/// are opened to 8 at once, i.e. without the limiter.
/// </summary>
public static class HostileBenchmark
{
    private const int Concurrent = 8;
    private const int Rounds = 3;

    private sealed record Outcome(long IdleRss, long PeakRss, double[] HealthMs, IReadOnlyDictionary<HttpStatusCode, int> Statuses, double Seconds);

    public static async Task<IReadOnlyList<string>> RunAsync(string prices)
    {
        var limited = await LoadAsync(prices, new Dictionary<string, string>());
        var open = await LoadAsync(prices, new Dictionary<string, string> { ["MarketContext__RenderConcurrency"] = Concurrent.ToString(CultureInfo.InvariantCulture) });
        var costs = await HostileCostBenchmark.RunAsync(prices);
        return
        [
            Line("Hostile load, default rendering slots (one per core but one)", limited),
            Line("Reference: the same load with 8 slots (no limiter in effect)", open),
            string.Create(CultureInfo.InvariantCulture,
                $"  growth {Mb(limited.PeakRss - limited.IdleRss)} MB vs {Mb(open.PeakRss - open.IdleRss)} MB without the limiter: {(double)(limited.PeakRss - limited.IdleRss) / Math.Max(1, open.PeakRss - open.IdleRss):0.00} ×; goal ≤ 1024 MB; /healthz max {limited.HealthMs.Max():0.0} ms (goal < 100 ms)"),
            .. costs,
        ];
    }

    private static string Line(string name, Outcome o)
    {
        var sorted = o.HealthMs.Order().ToArray();
        var statuses = string.Join(", ", o.Statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}×{s.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}: RSS idle {Mb(o.IdleRss)} MB, peak {Mb(o.PeakRss)} MB (+{Mb(o.PeakRss - o.IdleRss)} MB); /healthz during load p50 {Measure.Percentile(sorted, 0.5):0.0} ms, p99 {Measure.Percentile(sorted, 0.99):0.0} ms, max {sorted[^1]:0.0} ms over {sorted.Length} polls; answers {statuses}; {o.Seconds:0.0} s");
    }

    private static long Mb(long bytes) => bytes / (1024 * 1024);

    private static async Task<Outcome> LoadAsync(string prices, IReadOnlyDictionary<string, string> settings)
    {
        var folder = Directory.CreateTempSubdirectory("marketcontext-hostile-").FullName;
        try
        {
            await using var server = await ServerProcess.StartAsync(Path.Combine(folder, "hostile.db"), prices, settings);
            using var attacker = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
            using var monitor = new HttpClient { BaseAddress = server.Address };
            // Warm up: the series in memory, the renderer's code jitted, then settle.
            (await attacker.GetAsync("/api/chart.png?from=1985-01-01&to=2020-06-30&width=800&height=400")).EnsureSuccessStatusCode();
            (await monitor.GetAsync("/healthz")).EnsureSuccessStatusCode();
            await Task.Delay(1000);
            var idle = server.ResidentBytes();

            var peak = idle;
            var health = new ConcurrentBag<double>();
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, server.ResidentBytes());
                    await Task.Delay(20);
                }
            });
            var poller = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var clock = Stopwatch.StartNew();
                    (await monitor.GetAsync("/healthz")).EnsureSuccessStatusCode();
                    health.Add(clock.Elapsed.TotalMilliseconds);
                    await Task.Delay(50);
                }
            });

            var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
            var wall = Stopwatch.StartNew();
            for (var round = 0; round < Rounds; round++)
            {
                await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(async i =>
                {
                    // A different width per request: no cache can answer for the renderer.
                    var url = $"/api/chart.png?from=1981-01-01&to=2020-06-30&events=all&benchmark=true&width={2000 - round * Concurrent - i}&height=2000&scale=2";
                    using var response = await attacker.GetAsync(url);
                    await response.Content.CopyToAsync(Stream.Null);
                    statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                }));
            }
            wall.Stop();
            await stop.CancelAsync();
            await Task.WhenAll(sampler, poller);
            return new Outcome(idle, peak, [.. health], statuses, wall.Elapsed.TotalSeconds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
