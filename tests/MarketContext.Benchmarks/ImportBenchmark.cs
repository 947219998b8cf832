using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MarketContext.Benchmarks;

/// <summary>
/// Issue B: 100 Yahoo files × 10,000 rows (1,000,000 rows) imported by the app's <c>import &lt;folder&gt;</c> verb as a
/// child process on a fresh database, against the sqlite3 shell loading the same files into a table keyed by
/// (symbol, date). Goal: our time ≤ 1.0 × sqlite3's, limit 1.3 ×; the verb's peak RSS ≤ 200 MB.
/// </summary>
/// <remarks>
/// Making it fair: both read the same 100 files from disk and both end with the same rows in a table with a
/// (symbol, date) primary key. sqlite3 gets what our importer gets: one transaction per file (BEGIN; .import the
/// file into an unindexed staging table; INSERT … SELECT with the symbol into prices; COMMIT) and the app's
/// durability settings (WAL, synchronous=NORMAL). No preprocessing is left out of its clock: it reads the
/// files as they are, header and all (<c>--skip 1</c>). It does no checking at all; our importer checks every
/// field, converts the numbers, keeps dates unique and reports per file. The app's time includes starting .NET
/// and migrating the empty database. Runs alternate (ours, sqlite3, ours, …) so that a busy machine slows both
/// alike; the medians are compared.
/// </remarks>
public static class ImportBenchmark
{
    private const int Files = 100;
    private const int RowsPerFile = 10_000;
    private const int Runs = 5;
    private const long RssLimit = 200L * 1024 * 1024;

    public static async Task<IReadOnlyList<string>> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("marketcontext-import-").FullName;
        try
        {
            var prices = Directory.CreateDirectory(Path.Combine(folder, "prices")).FullName;
            var bytes = Generate(prices);
            var script = Path.Combine(folder, "sqlite3-import.sql");
            await File.WriteAllTextAsync(script, Sqlite3Script(prices));

            var ours = new List<double>();
            var theirs = new List<double>();
            long peak = 0;
            for (var run = 0; run < Runs; run++)
            {
                var database = Path.Combine(folder, $"app-{run}.db");
                var (seconds, hwm) = await RunAppImportAsync(database, prices);
                ours.Add(seconds);
                peak = Math.Max(peak, hwm);
                Check(await Sqlite3Async(database, "select count(*) from prices;"), Files * RowsPerFile, "the app's import");

                var reference = Path.Combine(folder, $"sqlite3-{run}.db");
                theirs.Add(await TimeSqlite3Async(reference, script));
                Check(await Sqlite3Async(reference, "select count(*) from prices;"), Files * RowsPerFile, "sqlite3's .import");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import run {run + 1}: ours {seconds:0.00} s, sqlite3 {theirs[^1]:0.00} s, peak RSS {hwm / 1048576.0:0} MB"));
            }

            var median = Median(ours);
            var reference3 = Median(theirs);
            var ratio = median / reference3;
            var verdict = ratio <= 1.0 ? "meets the 1.0 × goal" : ratio <= 1.3 ? "within the 1.3 × limit, over the 1.0 × goal" : "OVER the 1.3 × limit";
            return
            [
                string.Create(CultureInfo.InvariantCulture,
                    $"| import: {Files} Yahoo files × {RowsPerFile:N0} rows ({bytes / 1048576.0:0} MB), CLI `import <folder>` vs sqlite3 `.import` | ours {median:0.00} s (runs {string.Join(", ", ours.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))}), sqlite3 {reference3:0.00} s (runs {string.Join(", ", theirs.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))}) | {ratio:0.00} × sqlite3: {verdict} |"),
                string.Create(CultureInfo.InvariantCulture,
                    $"| import: CLI peak memory (VmHWM) | {peak / 1048576.0:0} MB | {(peak <= RssLimit ? "within" : "OVER")} the 200 MB limit |"),
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Deterministic Yahoo downloads: weekdays from 1980, prices on gentle waves, six decimals as Yahoo writes them.</summary>
    private static long Generate(string folder)
    {
        long bytes = 0;
        for (var f = 0; f < Files; f++)
        {
            var text = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume\n", RowsPerFile * 72);
            var day = new DateOnly(1980, 1, 1);
            for (var i = 0; i < RowsPerFile; day = day.AddDays(1))
            {
                if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    continue;
                }
                var close = 10 + 5 * Math.Sin(i / 50.0 + f) + i * 0.001;
                text.Append(CultureInfo.InvariantCulture,
                    $"{day:yyyy-MM-dd},{close - 0.05:F6},{close + 0.1:F6},{close - 0.1:F6},{close:F6},{close * 0.9:F6},{1_000_000 + i * 37}\n");
                i++;
            }
            var path = Path.Combine(folder, $"S{f:000}.csv");
            File.WriteAllText(path, text.ToString());
            bytes += new FileInfo(path).Length;
        }
        return bytes;
    }

    private static string Sqlite3Script(string folder)
    {
        var script = new StringBuilder("""
            pragma journal_mode = wal;
            pragma synchronous = normal;
            create table prices (symbol text, date text, open real, high real, low real, close real, adj_close real, volume integer, primary key (symbol, date));
            create table staging (date text, open real, high real, low real, close real, adj_close real, volume integer);

            """);
        foreach (var path in Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var symbol = Path.GetFileNameWithoutExtension(path);
            script.Append(CultureInfo.InvariantCulture, $"""
                begin;
                .import --csv --skip 1 '{path}' staging
                insert into prices select '{symbol}', date, open, high, low, close, adj_close, volume from staging;
                delete from staging;
                commit;

                """);
        }
        return script.ToString();
    }

    /// <summary>The app's verb as its own process; its peak resident memory is the kernel's high-water mark, polled until it exits.</summary>
    private static async Task<(double Seconds, long PeakBytes)> RunAppImportAsync(string database, string folder)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(database)! };
        start.ArgumentList.Add(ServerProcess.WebDll);
        start.ArgumentList.Add("import");
        start.ArgumentList.Add(folder);
        start.Environment["MarketContext__Database"] = database;
        start.Environment["MarketContext__PricesDirectory"] = Path.Combine(folder, "none");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["HOME"] = Path.GetDirectoryName(database)!;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
            await Task.Delay(5);
        }
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"import failed ({process.ExitCode}): {await error}\n{(await output)[..Math.Min(2000, (await output).Length)]}");
        }
        return (seconds, peak);
    }

    private static long HighWaterMark(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0; // It has just exited.
        }
    }

    private static async Task<double> TimeSqlite3Async(string database, string script)
    {
        var clock = Stopwatch.StartNew();
        var output = await Sqlite3Async(database, await File.ReadAllTextAsync(script));
        _ = output;
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<string> Sqlite3Async(string database, string input)
    {
        var start = new ProcessStartInfo("sqlite3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(database);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 && (await error).Length == 0
            ? await output
            : throw new InvalidOperationException($"sqlite3 failed ({process.ExitCode}): {await error}");
    }

    private static void Check(string count, int expected, string what)
    {
        if (int.Parse(count.Trim().Split('\n')[^1], CultureInfo.InvariantCulture) != expected)
        {
            throw new InvalidOperationException($"{what} stored {count.Trim()} rows, not {expected}.");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return Measure.Percentile(sorted, 0.5);
    }
}
