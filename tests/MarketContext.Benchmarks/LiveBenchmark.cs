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

    public static async Task<IReadOnlyList<string>> RunAsync(string prices)
    {
        var folder = Directory.CreateTempSubdirectory("marketcontext-live-").FullName;
        try
        {
            var database = Path.Combine(folder, "live.db");
            await ServerProcess.VerbAsync(database, "benchmark-password", "users", "add", "bench", "--role", "editor");
            var token = (await ServerProcess.VerbAsync(database, "", "tokens", "create", "--user", "bench")).Trim().Split('\n')[^1];
            await using var server = await ServerProcess.StartAsync(database, prices);
            await using var reference = await ServerProcess.StartBareHubAsync(folder);
            var idle = server.ResidentBytes();
            await using var ours = await Room.ConnectAsync(server, token);
            var connected = server.ResidentBytes();
            await using var bare = await Room.ConnectAsync(reference, null);

            // Posts alternate between the two, so that the busy machine's ups and downs fall on both alike.
            for (var i = 0; i < Posts + Warmup; i++)
            {
                await ours.PostAsync(i, counted: i >= Warmup);
                await bare.PostAsync(i, counted: i >= Warmup);
            }
            var loaded = server.ResidentBytes();
            var (mine, theirs) = (ours.Sorted, bare.Sorted);
            var (p50, p99, bareP50, bareP99) = (Measure.Percentile(mine, 0.5), Measure.Percentile(mine, 0.99), Measure.Percentile(theirs, 0.5), Measure.Percentile(theirs, 0.99));

            static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture);
            return
            [
                string.Create(CultureInfo.InvariantCulture, $"| live: POST → all {Viewers} viewers hold it ({Posts} posts) | p50 {p50:0.0} ms, p99 {p99:0.0} ms, max {mine[^1]:0.0} ms | p99 = {p99 / 50:0.00} × the 50 ms goal |"),
                string.Create(CultureInfo.InvariantCulture, $"| live: the same against a bare hub that only broadcasts (posts alternating) | p50 {bareP50:0.0} ms, p99 {bareP99:0.0} ms, max {theirs[^1]:0.0} ms | ours p50 = {p50 / bareP50:0.00} × the bare hub (goal ≤ 1.1) |"),
                $"| live: server memory (RSS) | idle {Mb(idle)} MB, {Viewers} viewers connected {Mb(connected)} MB, after {Posts} posts {Mb(loaded)} MB | |",
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>500 viewers of one server, and the time each post takes to reach all of them.</summary>
    private sealed class Room : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<long, int> _arrivals = new();
        private readonly ConcurrentDictionary<long, TaskCompletionSource<long>> _complete = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<HubConnection> _connections = [];
        private readonly List<double> _latencies = [];
        private readonly HttpClient _http;

        private Room(ServerProcess server, string? token)
        {
            _http = new HttpClient { BaseAddress = server.Address };
            if (token is not null)
            {
                _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
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
                    if (_arrivals.AddOrUpdate(pushed.Id, 1, (_, n) => n + 1) == Viewers)
                    {
                        _complete.GetOrAdd(pushed.Id, _ => new TaskCompletionSource<long>()).TrySetResult(_clock.ElapsedTicks);
                    }
                });
                _connections.Add(connection);
            }
        }

        public double[] Sorted => [.. _latencies.Order()];

        public static async Task<Room> ConnectAsync(ServerProcess server, string? token)
        {
            var room = new Room(server, token);
            await Parallel.ForEachAsync(room._connections, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, ct) => await c.StartAsync(ct));
            return room;
        }

        public async Task PostAsync(int i, bool counted)
        {
            var sent = _clock.ElapsedTicks;
            using var response = await _http.PostAsJsonAsync("/api/annotations", new { date = "2020-02-06", text = $"benchmark annotation {i}" });
            response.EnsureSuccessStatusCode();
            var id = (await response.Content.ReadFromJsonAsync<Pushed>())!.Id;
            var allHold = await _complete.GetOrAdd(id, _ => new TaskCompletionSource<long>()).Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (counted)
            {
                // The first few posts warm the server up and are not counted.
                _latencies.Add((allHold - sent) * 1000.0 / Stopwatch.Frequency);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Parallel.ForEachAsync(_connections, async (c, _) => await c.DisposeAsync());
            _http.Dispose();
        }
    }
}
