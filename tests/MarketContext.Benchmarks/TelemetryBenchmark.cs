using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Benchmarks;

/// <summary>
/// What exporting costs: one server exporting every signal over OTLP/HTTP to a local receiver (every request traced,
/// measures sent every 5 s) against one with no endpoint, and a second without as the run's noise floor. Each its own
/// process: listeners are process-wide, so one exporting would trace the others too. Requests go to them in turn so the
/// machine's ups and downs fall on all: the full-history chart as the median of per-round ratios of medians (beside the
/// same for the two servers without export), and the annotation fan-out's p50, each as export on ÷ off (goal ≤ 1.05).
/// </summary>
public static class TelemetryBenchmark
{
    private const string Chart = "/api/chart.png?symbols=ERIC,NOK&from=1981-01-01&to=2020-12-31&events=all&width=1200&height=600";
    private const int ChartRounds = 9;
    private const int ChartsPerRound = 5;
    private const int ChartWarmup = 10;
    private const int Viewers = 100;
    private const int Posts = 60;
    private const int Warmup = 10;

    private sealed record Pushed(long Id);

    public static async Task<IReadOnlyList<string>> RunAsync(string prices)
    {
        var folder = Directory.CreateTempSubdirectory("marketcontext-telemetry-").FullName;
        try
        {
            using var receiver = new OtlpReceiver();
            var export = new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "5000",
            };
            // A second server without export is the run's own noise floor: what two identical servers differ by here.
            var (off, offToken) = await StartAsync(folder, "off", prices, null);
            await using var offServer = off;
            var (on, onToken) = await StartAsync(folder, "on", prices, export);
            await using var onServer = on;
            var (again, againToken) = await StartAsync(folder, "off-again", prices, null);
            await using var againServer = again;
            using var offHttp = Client(off, offToken);
            using var onHttp = Client(on, onToken);
            using var againHttp = Client(again, againToken);
            HttpClient[] clients = [offHttp, onHttp, againHttp];

            // The servers keep no rendered pictures, so every request is drawn.
            async Task<double> DrawAsync(HttpClient http)
            {
                var timer = Stopwatch.StartNew();
                using var response = await http.GetAsync(Chart);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                return timer.Elapsed.TotalMilliseconds;
            }
            // Warm all three, then rounds: in each, every server draws a few times in turn (which goes first rotates, so
            // that none always follows another's work). Each round gives a ratio of medians taken minutes apart from the
            // next; the median of those ratios is the figure, and the same for the two servers without export is the
            // run's noise, so a slow minute on the machine moves one round, not the figure.
            for (var i = 0; i < ChartWarmup; i++)
            {
                foreach (var http in clients)
                {
                    await DrawAsync(http);
                }
            }
            var charts = clients.Select(_ => new List<double>()).ToArray();
            var onRatios = new List<double>();
            var noiseRatios = new List<double>();
            for (var round = 0; round < ChartRounds; round++)
            {
                var inRound = clients.Select(_ => new List<double>()).ToArray();
                for (var i = 0; i < ChartsPerRound; i++)
                {
                    for (var k = 0; k < clients.Length; k++)
                    {
                        var which = (round + i + k) % clients.Length;
                        inRound[which].Add(await DrawAsync(clients[which]));
                    }
                }
                onRatios.Add(Median(inRound[1]) / Median(inRound[0]));
                noiseRatios.Add(Median(inRound[2]) / Median(inRound[0]));
                for (var k = 0; k < clients.Length; k++)
                {
                    charts[k].AddRange(inRound[k]);
                }
            }

            await using var offRoom = await Room.ConnectAsync(off, offHttp);
            await using var onRoom = await Room.ConnectAsync(on, onHttp);
            await using var againRoom = await Room.ConnectAsync(again, againHttp);
            Room[] rooms = [offRoom, onRoom, againRoom];
            for (var i = 0; i < Posts + Warmup; i++)
            {
                for (var k = 0; k < rooms.Length; k++)
                {
                    await rooms[(i + k) % rooms.Length].PostAsync(i, counted: i >= Warmup);
                }
            }

            var (drawOff, drawOn, drawAgain) = (Median(charts[0]), Median(charts[1]), Median(charts[2]));
            var (fanOff, fanOn, fanAgain) = (Measure.Percentile(offRoom.Sorted, 0.5), Measure.Percentile(onRoom.Sorted, 0.5), Measure.Percentile(againRoom.Sorted, 0.5));
            var received = $"{receiver.Posts("traces").Count} trace, {receiver.Posts("metrics").Count} metric, {receiver.Posts("logs").Count} log posts received";
            return
            [
                string.Create(CultureInfo.InvariantCulture,
                    $"| telemetry: full-history chart, export on vs off ({ChartRounds} rounds of {ChartsPerRound} each, in turn; {received}) | on median {drawOn:0.0} ms, off {drawOff:0.0} ms, off again {drawAgain:0.0} ms; per-round on ÷ off {Range(onRatios)}, off again ÷ off {Range(noiseRatios)} | median of rounds {Median(onRatios):0.00} × off (goal ≤ 1.05); two servers without export, median of rounds {Median(noiseRatios):0.00} × |"),
                string.Create(CultureInfo.InvariantCulture,
                    $"| telemetry: POST → all {Viewers} viewers hold it, export on vs off ({Posts} posts each, in turn) | on p50 {fanOn:0.0} ms, off p50 {fanOff:0.0} ms, off again {fanAgain:0.0} ms | {fanOn / fanOff:0.00} × off (goal ≤ 1.05); two servers without export differ by {fanAgain / fanOff:0.00} × |"),
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Median(List<double> samples) => Measure.Percentile([.. samples.Order()], 0.5);

    private static string Range(List<double> ratios) => string.Create(CultureInfo.InvariantCulture, $"{ratios.Min():0.00}–{ratios.Max():0.00}");

    private static HttpClient Client(ServerProcess server, string token)
    {
        var http = new HttpClient { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<(ServerProcess Server, string Token)> StartAsync(string folder, string name, string prices, Dictionary<string, string>? settings)
    {
        var database = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, name)).FullName, "telemetry.db");
        await ServerProcess.VerbAsync(database, "benchmark-password", "users", "add", "bench", "--role", "editor");
        var token = (await ServerProcess.VerbAsync(database, "", "tokens", "create", "--user", "bench")).Trim().Split('\n')[^1];
        var environment = new Dictionary<string, string>(settings ?? []) { ["MarketContext__ChartCacheBytes"] = "0" };
        return (await ServerProcess.StartAsync(database, prices, environment), token);
    }

    /// <summary>The viewers of one server, and the time each post takes to reach all of them.</summary>
    private sealed class Room(HttpClient http, List<HubConnection> connections) : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<long, int> _arrivals = new();
        private readonly ConcurrentDictionary<long, TaskCompletionSource<long>> _complete = new();
        private readonly List<double> _latencies = [];

        public double[] Sorted => [.. _latencies.Order()];

        public static async Task<Room> ConnectAsync(ServerProcess server, HttpClient http)
        {
            var connections = Enumerable.Range(0, Viewers).Select(_ => new HubConnectionBuilder()
                .WithUrl(new Uri(server.Address, "/hubs/annotations"), o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                }).Build()).ToList();
            var room = new Room(http, connections);
            foreach (var connection in connections)
            {
                connection.On<Pushed>("annotationAdded", pushed =>
                {
                    if (room._arrivals.AddOrUpdate(pushed.Id, 1, (_, n) => n + 1) == Viewers)
                    {
                        room._complete.GetOrAdd(pushed.Id, _ => new TaskCompletionSource<long>()).TrySetResult(Stopwatch.GetTimestamp());
                    }
                });
            }
            await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, ct) => await c.StartAsync(ct));
            return room;
        }

        public async Task PostAsync(int i, bool counted)
        {
            var sent = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("/api/annotations", new { date = "2020-02-06", text = $"benchmark annotation {i}" });
            response.EnsureSuccessStatusCode();
            var id = (await response.Content.ReadFromJsonAsync<Pushed>())!.Id;
            var allHold = await _complete.GetOrAdd(id, _ => new TaskCompletionSource<long>()).Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (counted)
            {
                _latencies.Add(Stopwatch.GetElapsedTime(sent, allHold).TotalMilliseconds);
            }
        }

        public async ValueTask DisposeAsync() => await Parallel.ForEachAsync(connections, async (c, _) => await c.DisposeAsync());
    }
}
