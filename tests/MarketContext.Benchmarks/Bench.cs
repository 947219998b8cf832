namespace MarketContext.Benchmarks;

/// <summary>
/// Figures the issues ask for, each measured against its named reference in the same run.
/// Usage: MarketContext.Benchmarks &lt;prices folder&gt; [chart|event-study|eventsets|live|live-visible|import|vintages|scale|hostile|telemetry|page|day0|publication|all]
/// </summary>
public static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["bare-hub", ..])
        {
            await BareHub.RunAsync(args[1..]);
            return 0;
        }
        if (args.Length < 1 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: MarketContext.Benchmarks <prices folder> [chart|event-study|eventsets|live|live-visible|import|vintages|scale|hostile|telemetry|page|day0|publication|all]");
            return 2;
        }
        var prices = Path.GetFullPath(args[0]);
        var which = args.Length > 1 ? args[1] : "all";
        var report = new List<string>();

        if (which is "all" or "event-study")
        {
            report.AddRange(await EventStudyBenchmark.RunAsync(prices));
        }
        if (which is "all" or "eventsets")
        {
            report.AddRange(await EventSetsBenchmark.RunAsync(prices));
        }
        if (which is "all" or "chart")
        {
            report.AddRange(await ChartBenchmark.RunAsync(prices));
        }
        if (which is "all" or "live")
        {
            report.AddRange(await LiveBenchmark.RunAsync(prices));
        }
        if (which is "all" or "hostile")
        {
            report.AddRange(await HostileBenchmark.RunAsync(prices));
        }
        if (which is "all" or "live" or "live-visible")
        {
            report.AddRange(await LiveVisibleBenchmark.RunAsync(prices));
        }
        if (which is "all" or "import")
        {
            report.AddRange(await ImportBenchmark.RunAsync());
        }
        if (which is "all" or "vintages")
        {
            report.AddRange(await VintageBenchmark.RunAsync(prices));
        }
        if (which is "all" or "publication")
        {
            report.AddRange(await PublicationBenchmark.RunAsync(prices));
        }
        if (which is "all" or "telemetry")
        {
            report.AddRange(await TelemetryBenchmark.RunAsync(prices));
        }
        if (which is "all" or "page")
        {
            report.AddRange(await PageBenchmark.RunAsync(prices));
        }
        if (which is "all" or "day0")
        {
            report.AddRange(await DayZeroBenchmark.RunAsync());
        }
        if (which is "all" or "scale")
        {
            report.AddRange(await ScaleBenchmark.RunAsync(prices));
        }

        Console.WriteLine();
        foreach (var line in report)
        {
            Console.WriteLine(line);
        }
        return 0;
    }
}
