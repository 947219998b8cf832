using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace MarketContext.Benchmarks;

/// <summary>
/// Two more hostile figures, each against its reference in the same run. Fair drawing: an anonymous chart's latency
/// while one signed-in client loops distinct renders (8 at once), against the same charts on the idle server (goal
/// ≤ 2 ×). The study across events at its worst: 8 series, pre = post = gap = 30, 100 dates in Saturday/Sunday pairs
/// (each pair shares day 0, so the members' ranks tie): the server's CPU time for one anonymous request (goal ≤ 1 s),
/// and the CPU it burns in the 3 s after such a request is abandoned.
/// </summary>
public static class HostileCostBenchmark
{
    private const int Series = 8;
    private const int AnonymousCharts = 12;
    private const int HogLoops = 8;

    public static async Task<IReadOnlyList<string>> RunAsync(string prices)
    {
        var folder = Directory.CreateTempSubdirectory("marketcontext-hostile-cost-").FullName;
        try
        {
            var fair = await FairDrawingAsync(prices, folder);
            var study = await StudyCpuAsync(folder);
            return [.. fair, .. study];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<string>> FairDrawingAsync(string prices, string folder)
    {
        var database = Path.Combine(folder, "fair.db");
        await ServerProcess.VerbAsync(database, "benchmark-password", "users", "add", "bench", "--role", "editor");
        var token = (await ServerProcess.VerbAsync(database, "", "tokens", "create", "--user", "bench")).Trim().Split('\n')[^1];
        await using var server = await ServerProcess.StartAsync(database, prices);
        using var anonymous = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        using var hog = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        hog.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await hog.GetAsync("/api/chart.png?width=800&height=400")).EnsureSuccessStatusCode();

        // A width of its own per request: the render cache cannot answer for the renderer.
        async Task<(double Ms, HttpStatusCode Status)> ChartAsync(int width)
        {
            var clock = Stopwatch.StartNew();
            using var response = await anonymous.GetAsync($"/api/chart.png?from=2015-01-01&to=2020-06-30&width={width}&height=600");
            await response.Content.CopyToAsync(Stream.Null);
            return (clock.Elapsed.TotalMilliseconds, response.StatusCode);
        }

        var idle = new List<(double Ms, HttpStatusCode Status)>();
        for (var i = 0; i < AnonymousCharts; i++)
        {
            idle.Add(await ChartAsync(1000 + i));
        }
        using var stop = new CancellationTokenSource();
        var hogRenders = 0;
        var loops = Enumerable.Range(0, HogLoops).Select(loop => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                using var response = await hog.GetAsync($"/api/chart.png?from=2000-01-01&to=2020-06-30&events=all&width={1200 + loop * 100 + n % 100}&height={600 + n / 100}");
                await response.Content.CopyToAsync(Stream.Null);
                Interlocked.Increment(ref hogRenders);
            }
        })).ToList();
        await Task.Delay(1000);
        var loaded = new List<(double Ms, HttpStatusCode Status)>();
        for (var i = 0; i < AnonymousCharts; i++)
        {
            loaded.Add(await ChartAsync(1100 + i));
        }
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        var (idleMs, loadedMs) = (Median(idle.Select(r => r.Ms)), Median(loaded.Select(r => r.Ms)));
        var statuses = string.Join(", ", loaded.GroupBy(r => (int)r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
        return
        [
            string.Create(CultureInfo.InvariantCulture,
                $"Fair drawing: anonymous chart while one signed-in client loops distinct renders ({HogLoops} at once, {hogRenders} drawn): p50 {loadedMs:0} ms, max {loaded.Max(r => r.Ms):0} ms, answers {statuses}"),
            string.Create(CultureInfo.InvariantCulture,
                $"  reference, the same charts on the idle server: p50 {idleMs:0} ms; loaded = {loadedMs / idleMs:0.00} × unloaded (goal ≤ 2 ×)"),
        ];
    }

    private static async Task<IReadOnlyList<string>> StudyCpuAsync(string folder)
    {
        var generated = Directory.CreateDirectory(Path.Combine(folder, "study-prices")).FullName;
        var symbols = Enumerable.Range(1, Series).Select(i => $"S{i}").ToList();
        foreach (var (symbol, seed) in symbols.Append("QQQ").Select((s, i) => (s, i + 1)))
        {
            await File.WriteAllTextAsync(Path.Combine(generated, $"{symbol}.csv"), ScaleBenchmark.Yahoo(seed, 3000));
        }
        await using var server = await ServerProcess.StartAsync(Path.Combine(folder, "study.db"), generated);
        using var anonymous = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };

        string Url(DateOnly firstSaturday, int pairs) =>
            $"/api/event-study/aggregate?symbols={string.Join(',', symbols)}&benchmark=QQQ&pre=30&post=30&gap=30&dates="
            + string.Join(',', Enumerable.Range(0, pairs).SelectMany(p => new[] { firstSaturday.AddDays(21 * p), firstSaturday.AddDays(21 * p + 1) })
                .Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

        // Warm: the series in memory and the study's code jitted, on other dates.
        (await anonymous.GetAsync(Url(new DateOnly(2016, 1, 2), 5))).EnsureSuccessStatusCode();
        await Task.Delay(500);

        var before = server.CpuTime();
        var wall = Stopwatch.StartNew();
        using (var response = await anonymous.GetAsync(Url(new DateOnly(2012, 1, 7), 50)))
        {
            response.EnsureSuccessStatusCode();
            await response.Content.CopyToAsync(Stream.Null);
        }
        var cpu = server.CpuTime() - before;
        var seconds = wall.Elapsed.TotalSeconds;

        await Task.Delay(500);
        using var abandon = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        var asked = server.CpuTime();
        try
        {
            using var response = await anonymous.GetAsync(Url(new DateOnly(2012, 1, 14), 50), abandon.Token);
        }
        catch (OperationCanceledException)
        {
        }
        var abandoned = server.CpuTime();
        await Task.Delay(3000);
        var after = server.CpuTime() - abandoned;
        return
        [
            string.Create(CultureInfo.InvariantCulture,
                $"Study across events, worst case ({Series} series, pre = post = gap = 30, 100 dates in Saturday/Sunday pairs): one anonymous request {cpu.TotalMilliseconds:0} ms of server CPU ({seconds:0.00} s wall) = {cpu.TotalSeconds:0.00} × the 1 s goal"),
            string.Create(CultureInfo.InvariantCulture,
                $"  abandoned after 150 ms: {(abandoned - asked).TotalMilliseconds:0} ms of CPU before the abort, {after.TotalMilliseconds:0} ms in the 3 s after it"),
        ];
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return Measure.Percentile(sorted, 0.5);
    }
}
