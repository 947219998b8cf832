using System.Diagnostics;
using System.Globalization;
using Dapper;
using MarketContext.TestSupport;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Prices;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Benchmarks;

/// <summary>
/// Price vintages. A 1,000,000-row Yahoo file on disk imported into an empty series, then the same file again (goal:
/// 0 rows stored, ≤ 0.5 × the first import), then with 1 % of its adjusted closes changed (only those rows stored
/// as revisions). And the storage of ERIC after ten re-imports that each revise one day, against one import (goal:
/// ≤ 1.01 × the database's pages). Each import goes through the app's importer as the CLI's import verb does.
/// </summary>
public static class VintageBenchmark
{
    private const int Rows = 1_000_000;
    private const string Symbol = "BIGBIG=X";

    public static async Task<IReadOnlyList<string>> RunAsync(string prices)
    {
        using var folder = new TempFolder();
        var empty = Directory.CreateDirectory(folder.Combine("none")).FullName;
        var big = folder.Combine("big.csv");
        var lines = Generate(big);
        var report = new List<string>();
        await using (var app = new App(empty))
        {
            var import = app.Services.GetRequiredService<PriceFolderImport>();
            var (first, firstSeconds) = await TimeAsync(() => import.ImportFileAsync(big, Symbol));
            var (again, againSeconds) = await TimeAsync(() => import.ImportFileAsync(big, Symbol));
            var revisionsAfterAgain = await ScalarAsync(app, "select count(*) from price_revisions");
            Check(first.Report!.Inserted == Rows && again.Report!.Inserted + again.Report.Updated == 0 && revisionsAfterAgain == 0, "an unchanged re-import stored rows");

            // Every hundredth row's adjusted close changes, as a producer's correction would.
            await File.WriteAllLinesAsync(big, lines.Select((line, i) => i > 0 && i % 100 == 0 ? Revise(line) : line));
            var (revised, revisedSeconds) = await TimeAsync(() => import.ImportFileAsync(big, Symbol));
            var revisions = await ScalarAsync(app, "select count(*) from price_revisions");
            Check(revised.Report!.Updated == Rows / 100 && revisions == Rows / 100, $"1 % revised stored {revisions} revisions for {revised.Report.Updated} revised rows");
            var ratio = againSeconds / firstSeconds;
            report.Add(string.Create(CultureInfo.InvariantCulture,
                $"| vintages: re-import of the unchanged {Rows:N0}-row file vs its first import | {againSeconds:0.00} s vs {firstSeconds:0.00} s, 0 rows stored | {ratio:0.00} × the first import: {(ratio <= 0.5 ? "meets" : "OVER")} the 0.5 × goal |"));
            report.Add(string.Create(CultureInfo.InvariantCulture,
                $"| vintages: the same file with 1 % of adjusted closes revised | {revisedSeconds:0.00} s, {revised.Report.Updated:N0} rows revised, {revisions:N0} revisions stored | {revisedSeconds / firstSeconds:0.00} × the first import; only the revised rows stored |"));
        }

        await using (var app = new App(empty))
        {
            var import = app.Services.GetRequiredService<PriceFolderImport>();
            var eric = folder.Combine("ERIC.csv");
            var original = await File.ReadAllLinesAsync(Path.Combine(prices, "ERIC.csv"));
            await File.WriteAllLinesAsync(eric, original);
            Check((await import.ImportFileAsync(eric, "ERIC")).Report is not null, "ERIC was refused");
            var once = await PagesAsync(app);
            for (var n = 1; n <= 10; n++)
            {
                // Each re-import revises one more day: the day n rows before the end gets a corrected adjusted close.
                var day = original.Length - n;
                await File.WriteAllLinesAsync(eric, original.Select((line, i) => i == day ? Revise(line) : line));
                var report1 = (await import.ImportFileAsync(eric, "ERIC")).Report!;
                Check(report1.Updated is 1 or 2, $"re-import {n} revised {report1.Updated} rows");
            }
            var after = await PagesAsync(app);
            var ratio = (double)after / once;
            report.Add(string.Create(CultureInfo.InvariantCulture,
                $"| vintages: database pages after 10 re-imports of ERIC, one revised day each, vs one import | {after:N0} vs {once:N0} pages | {ratio:0.000} × one import: {(ratio <= 1.01 ? "meets" : "OVER")} the 1.01 × goal |"));
        }
        return report;
    }

    private static async Task<(T Result, double Seconds)> TimeAsync<T>(Func<Task<T>> run)
    {
        var clock = Stopwatch.StartNew();
        var result = await run();
        return (result, clock.Elapsed.TotalSeconds);
    }

    private static async Task<long> ScalarAsync(App app, string sql)
    {
        await using var connection = await app.Services.GetRequiredService<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>The database's pages with the write-ahead log folded in.</summary>
    private static async Task<long> PagesAsync(App app)
    {
        await using var connection = await app.Services.GetRequiredService<Db>().OpenAsync();
        await connection.ExecuteAsync("pragma wal_checkpoint(truncate)");
        return await connection.ExecuteScalarAsync<long>("pragma page_count");
    }

    private static void Check(bool holds, string what)
    {
        if (!holds)
        {
            throw new InvalidOperationException($"vintages: {what}.");
        }
    }

    /// <summary>A row with its adjusted close (the sixth field) a little lower.</summary>
    private static string Revise(string line)
    {
        var cells = line.Split(',');
        cells[5] = (double.Parse(cells[5], CultureInfo.InvariantCulture) * 0.99).ToString("F6", CultureInfo.InvariantCulture);
        return string.Join(',', cells);
    }

    /// <summary>One Yahoo file of weekdays from the year 1000 on, prices on gentle waves; its lines, header first.</summary>
    private static List<string> Generate(string path)
    {
        var lines = new List<string>(Rows + 1) { PriceFixtures.YahooHeader };
        var day = new DateOnly(1000, 1, 1);
        for (var i = 0; i < Rows; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }
            var close = 10 + 5 * Math.Sin(i / 50.0) + i * 0.00001;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{day:yyyy-MM-dd},{close - 0.05:F6},{close + 0.1:F6},{close - 0.1:F6},{close:F6},{close * 0.9:F6},{1_000_000 + i % 9973}"));
            i++;
        }
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return lines;
    }
}
