using System.Globalization;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.EventStudy.Aggregate;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Benchmarks;

/// <summary>Every catalogue event × both vendors, warm, against the 50 ms budget; the battery across events against 20 ms.</summary>
public static class EventStudyBenchmark
{
    private const double BudgetMs = 50;

    public static async Task<IReadOnlyList<string>> RunAsync(string prices)
    {
        await using var app = new App(prices);
        using var http = app.Http();
        var service = app.Services.GetRequiredService<EventStudyService>();
        var parameters = new EventStudyParameters();
        var (shipped, _) = await app.Services.GetRequiredService<PinnedEventSets>().PinAsync(EventSetRef.Shipped);

        var studies = (await service.SummaryAsync(["ERIC", "NOK"], "QQQ", parameters, shipped!)).Count(r => r.Missing is null);
        var inProcess = await Measure.TimeAsync("summary (service)", 50, () => service.SummaryAsync(["ERIC", "NOK"], "QQQ", parameters, shipped!));
        var overHttp = await Measure.TimeAsync("summary (HTTP)", 50, async () =>
        {
            using var response = await http.GetAsync("/api/event-study/summary?symbols=ERIC,NOK");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });

        string Line(Timing t) => string.Create(CultureInfo.InvariantCulture,
            $"| event study: {studies} studies, {t.Name} | median {t.MedianMs:0.0} ms, p95 {t.P95Ms:0.0} ms | {t.MedianMs / BudgetMs:0.00} × the 50 ms budget |");
        return [Line(inProcess), Line(overHttp), .. await AggregateAsync(app, http, inProcess)];
    }

    private const double AggregateBudgetMs = 20;

    /// <summary>Every test of the battery for all dated events × both vendors and the pooled sample, against its 20 ms budget.</summary>
    private static async Task<IReadOnlyList<string>> AggregateAsync(App app, HttpClient http, Timing singleStudies)
    {
        var service = app.Services.GetRequiredService<AggregateService>();
        var query = new AggregateStudyQuery().ToQuery("QQQ");
        var (shipped, _) = await app.Services.GetRequiredService<PinnedEventSets>().PinAsync(EventSetRef.Shipped);
        var (response, _) = await service.RunAsync(query!, ["ERIC", "NOK"], shipped!);
        var members = response!.Samples.Single(s => s.Name == AggregateCalculator.Pooled).N;
        var inProcess = await Measure.TimeAsync("aggregate (service)", 50, () => service.RunAsync(query!, ["ERIC", "NOK"], shipped!));
        var overHttp = await Measure.TimeAsync("aggregate (HTTP)", 50, async () =>
        {
            using var answer = await http.GetAsync("/api/event-study/aggregate?symbols=ERIC,NOK");
            answer.EnsureSuccessStatusCode();
            await answer.Content.ReadAsByteArrayAsync();
        });
        string Line(Timing t) => string.Create(CultureInfo.InvariantCulture,
            $"| event study across events: {members} members in 3 samples, every test, {t.Name} | median {t.MedianMs:0.0} ms, p95 {t.P95Ms:0.0} ms, fastest {t.MinMs:0.0} ms | " +
            $"{t.MedianMs / AggregateBudgetMs:0.00} × the 20 ms budget (fastest run {t.MinMs / AggregateBudgetMs:0.00} ×); {t.MedianMs / singleStudies.MedianMs:0.0} × the 68 single studies |");
        return [Line(inProcess), Line(overHttp)];
    }
}
