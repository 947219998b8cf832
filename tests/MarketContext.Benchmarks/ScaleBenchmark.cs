using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MarketContext.Benchmarks;

/// <summary>
/// Cost grows with what is asked, not with what is stored: the same figures on a database of the real ERIC, NOK
/// and QQQ, and on one that also holds 500 generated symbols × 5,000 days (2.5 M rows), in the same run. Each
/// server is its own process, restarted for every start-up figure; the unrelated import is the import verb, a
/// process of its own. Goals: both chart ratios ≤ 1.2 × (≤ 1.5 × on a noisy machine), /api/series ≤ 20 ms with
/// 503 symbols, and the server's memory after charting 50 random symbols within the series budget.
/// </summary>
public static class ScaleBenchmark
{
    private const int GeneratedSymbols = 500;
    private const int DaysPerSymbol = 5_000;
    private const int Starts = 6;
    private const int ImportsPerStart = 5;
    private const string Chart = "/api/chart.png?symbols=ERIC,NOK&from=2019-01-01&to=2020-06-30&events=all&width=1200&height=600";
    private const long BudgetBytes = 256L * 1024 * 1024;

    private sealed record Figures(List<double> StartMs, List<double> FirstChartMs, List<double> AfterImportMs, List<double> SeriesMs, long? RssIdle = null, long? RssAfter = null);

    public static async Task<IReadOnlyList<string>> RunAsync(string prices)
    {
        var folder = Directory.CreateTempSubdirectory("marketcontext-scale-").FullName;
        try
        {
            var generated = Directory.CreateDirectory(Path.Combine(folder, "generated")).FullName;
            Generate(generated);
            var small = Path.Combine(folder, "small", "bench.db");
            var large = Path.Combine(folder, "large", "bench.db");
            Directory.CreateDirectory(Path.GetDirectoryName(small)!);
            Directory.CreateDirectory(Path.GetDirectoryName(large)!);
            await ServerProcess.VerbAsync(small, "", "import", prices);
            await ServerProcess.VerbAsync(large, "", "import", prices);
            var importing = Stopwatch.StartNew();
            await ServerProcess.VerbAsync(large, "", "import", generated);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale: imported {GeneratedSymbols} × {DaysPerSymbol:N0} generated days in {importing.Elapsed.TotalSeconds:0.0} s"));

            // Alternating, so that a busy machine slows both alike.
            var three = new Figures([], [], [], []);
            var many = new Figures([], [], [], []);
            var unrelated = 0;
            for (var start = 0; start < Starts; start++)
            {
                await MeasureAsync(small, prices, folder, three, () => unrelated++, memory: false);
                many = await MeasureAsync(large, prices, folder, many, () => unrelated++, memory: start == Starts - 1);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"scale start {start + 1}: first chart {three.FirstChartMs[^1]:0} ms vs {many.FirstChartMs[^1]:0} ms; after an unrelated import {three.AfterImportMs[^1]:0} ms vs {many.AfterImportMs[^1]:0} ms"));
            }
            return Report(three, many);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Figures> MeasureAsync(string database, string prices, string folder, Figures figures, Func<int> nextUnrelated, bool memory)
    {
        var starting = Stopwatch.StartNew();
        await using var server = await ServerProcess.StartAsync(database, prices);
        figures.StartMs.Add(starting.Elapsed.TotalMilliseconds);
        using var http = new HttpClient { BaseAddress = server.Address };
        figures.FirstChartMs.Add(await TimeAsync(http, Chart));
        for (var i = 0; i < ImportsPerStart; i++)
        {
            var file = Path.Combine(folder, $"UNRELATED{nextUnrelated()}.csv");
            await File.WriteAllTextAsync(file, Yahoo(Random.Shared.Next(), 20));
            await ServerProcess.VerbAsync(database, "", "import", file);
            figures.AfterImportMs.Add(await TimeAsync(http, Chart));
        }
        for (var i = 0; i < 20; i++)
        {
            figures.SeriesMs.Add(await TimeAsync(http, "/api/series"));
        }
        if (!memory)
        {
            return figures;
        }
        var idle = server.ResidentBytes();
        var random = new Random(12);
        for (var i = 0; i < 50; i++)
        {
            await TimeAsync(http, $"/api/chart.png?symbols=G{random.Next(GeneratedSymbols):000}&from=2001-01-01&to=2020-12-31&width=1200&height=600");
        }
        return figures with { RssIdle = idle, RssAfter = server.ResidentBytes() };
    }

    private static async Task<double> TimeAsync(HttpClient http, string url)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await http.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private static IReadOnlyList<string> Report(Figures three, Figures many)
    {
        static double Median(List<double> values)
        {
            var sorted = values.Order().ToArray();
            return Measure.Percentile(sorted, 0.5);
        }
        static string Verdict(double ratio) => ratio <= 1.2 ? "meets the 1.2 × goal" : ratio <= 1.5 ? "within the 1.5 × noisy-machine limit" : "OVER the 1.5 × limit";
        var first = Median(many.FirstChartMs) / Median(three.FirstChartMs);
        var after = Median(many.AfterImportMs) / Median(three.AfterImportMs);
        var series = Median(many.SeriesMs);
        var grown = (many.RssAfter - many.RssIdle) ?? 0;
        string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        return
        [
            Line($"| scale: start-up until /healthz answers | 3 symbols {Median(three.StartMs):0} ms, 503 symbols {Median(many.StartMs):0} ms | {Median(many.StartMs) / Median(three.StartMs):0.00} × |"),
            Line($"| scale: first ERIC/NOK chart after start-up | 3 symbols {Median(three.FirstChartMs):0} ms, 503 symbols {Median(many.FirstChartMs):0} ms | **{first:0.00} ×** ({Verdict(first)}) |"),
            Line($"| scale: the same chart after another process imported one unrelated symbol | 3 symbols {Median(three.AfterImportMs):0.0} ms, 503 symbols {Median(many.AfterImportMs):0.0} ms | **{after:0.00} ×** ({Verdict(after)}) |"),
            Line($"| scale: GET /api/series | 3 symbols {Median(three.SeriesMs):0.0} ms, 503 symbols {series:0.0} ms | {(series <= 20 ? "within" : "OVER")} the 20 ms goal |"),
            Line($"| scale: server memory, 503 symbols, after charting 50 random symbols | RSS {many.RssIdle / 1048576.0:0} MB before, {many.RssAfter / 1048576.0:0} MB after (+{grown / 1048576.0:0} MB) | {(grown <= BudgetBytes ? "within" : "OVER")} the {BudgetBytes / 1048576} MB series budget |"),
        ];
    }

    /// <summary>Yahoo files G000 … G499, each 5,000 weekdays ending 2020-12-31, on a random walk.</summary>
    private static void Generate(string folder)
    {
        for (var s = 0; s < GeneratedSymbols; s++)
        {
            File.WriteAllText(Path.Combine(folder, $"G{s:000}.csv"), Yahoo(s, DaysPerSymbol));
        }
    }

    internal static string Yahoo(int seed, int days)
    {
        var random = new Random(seed);
        var dates = new List<DateOnly>(days);
        for (var d = new DateOnly(2020, 12, 31); dates.Count < days; d = d.AddDays(-1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                dates.Add(d);
            }
        }
        dates.Reverse();
        var csv = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume\n", days * 64);
        var close = 10 + random.NextDouble() * 90;
        foreach (var date in dates)
        {
            var open = close;
            close = Math.Max(0.5, close * (1 + (random.NextDouble() - 0.5) * 0.04));
            csv.Append(CultureInfo.InvariantCulture,
                $"{date:yyyy-MM-dd},{open:F4},{Math.Max(open, close) * 1.01:F4},{Math.Min(open, close) * 0.99:F4},{close:F4},{close * 0.98:F4},{random.Next(1000, 1_000_000)}\n");
        }
        return csv.ToString();
    }
}
