using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Benchmarks;

/// <summary>
/// 500 WebSocket viewers; 100 annotations posted one after another; for each, the time from sending the POST until
/// every viewer holds it. Goals: p99 ≤ 50 ms (limit 100 ms), and p50 ≤ 1.1 × a bare hub that only broadcasts what
/// is posted, measured the same way in the same run.
/// </summary>
public static class LiveBenchmark
{
    private const int Viewers = 500;
    private const int Posts = 100;
    private const int Warmup = 20;

    private sealed record Pushed(long Id, long Seq);

    private sealed record FanOut(double[] Sorted, long Idle, long Connected, long Loaded)
    {
        public double P50 => Measure.Percentile(Sorted, 0.5);

        public double P99 => Measure.Percentile(Sorted, 0.99);
    }

    public static async Task<IReadOnlyList<string>> RunAsync(string prices)
    {
        var folder = Directory.CreateTempSubdirectory("marketcontext-live-").FullName;
        try
        {
            var database = Path.Combine(folder, "live.db");
            await ServerProcess.VerbAsync(database, "benchmark-password", "users", "add", "bench", "--role", "editor");
            var token = (await ServerProcess.VerbAsync(database, "", "tokens", "create", "--user", "bench")).Trim().Split('\n')[^1];
            FanOut ours, bare;
            await using (var server = await ServerProcess.StartAsync(database, prices))
            {
                ours = await MeasureAsync(server, token);
            }
            await using (var reference = await ServerProcess.StartBareHubAsync(folder))
            {
                bare = await MeasureAsync(reference, null);
            }

            static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture);
            return
            [
                string.Create(CultureInfo.InvariantCulture, $"| live: POST → all {Viewers} viewers hold it ({Posts} posts) | p50 {ours.P50:0.0} ms, p99 {ours.P99:0.0} ms, max {ours.Sorted[^1]:0.0} ms | p99 = {ours.P99 / 50:0.00} × the 50 ms goal |"),
                string.Create(CultureInfo.InvariantCulture, $"| live: the same against a bare hub that only broadcasts | p50 {bare.P50:0.0} ms, p99 {bare.P99:0.0} ms, max {bare.Sorted[^1]:0.0} ms | ours p50 = {ours.P50 / bare.P50:0.00} × the bare hub (goal ≤ 1.1) |"),
                $"| live: server memory (RSS) | idle {Mb(ours.Idle)} MB, {Viewers} viewers connected {Mb(ours.Connected)} MB, after {Posts} posts {Mb(ours.Loaded)} MB | |",
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<FanOut> MeasureAsync(ServerProcess server, string? token)
    {
        var idle = server.ResidentBytes();
        var arrivals = new ConcurrentDictionary<long, int>();
        var complete = new ConcurrentDictionary<long, TaskCompletionSource<long>>();
        var clock = Stopwatch.StartNew();
        var connections = new List<HubConnection>();
        for (var i = 0; i < Viewers; i++)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(server.Address, "/hubs/annotations"), o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                })
                .Build();
            connection.On<Pushed>("annotationAdded", pushed =>
            {
                if (arrivals.AddOrUpdate(pushed.Id, 1, (_, n) => n + 1) == Viewers)
                {
                    complete.GetOrAdd(pushed.Id, _ => new TaskCompletionSource<long>()).TrySetResult(clock.ElapsedTicks);
                }
            });
            connections.Add(connection);
        }
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, ct) => await c.StartAsync(ct));
        var connected = server.ResidentBytes();

        using var http = new HttpClient { BaseAddress = server.Address };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        var latencies = new List<double>();
        for (var i = 0; i < Posts + Warmup; i++)
        {
            var sent = clock.ElapsedTicks;
            using var response = await http.PostAsJsonAsync("/api/annotations", new { date = "2020-02-06", text = $"benchmark annotation {i}" });
            response.EnsureSuccessStatusCode();
            var id = (await response.Content.ReadFromJsonAsync<Pushed>())!.Id;
            var allHold = await complete.GetOrAdd(id, _ => new TaskCompletionSource<long>()).Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (i >= Warmup)
            {
                // The first few posts warm the server up and are not counted.
                latencies.Add((allHold - sent) * 1000.0 / Stopwatch.Frequency);
            }
        }
        var loaded = server.ResidentBytes();
        await Parallel.ForEachAsync(connections, async (c, _) => await c.DisposeAsync());
        return new FanOut([.. latencies.Order()], idle, connected, loaded);
    }
}
