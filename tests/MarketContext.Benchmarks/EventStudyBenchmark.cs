using System.Globalization;
using MarketContext.Web.Features.EventStudy;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Benchmarks;

/// <summary>Issue E: every catalogue event × both vendors, warm, against the 50 ms budget.</summary>
public static class EventStudyBenchmark
{
    private const double BudgetMs = 50;

    public static async Task<IReadOnlyList<string>> RunAsync(string prices)
    {
        await using var app = new App(prices);
        using var http = app.Http();
        var service = app.Services.GetRequiredService<EventStudyService>();
        var parameters = new EventStudyParameters();

        var studies = (await service.SummaryAsync(["ERIC", "NOK"], "QQQ", parameters)).Count(r => r.Missing is null);
        var inProcess = await Measure.TimeAsync("summary (service)", 50, () => service.SummaryAsync(["ERIC", "NOK"], "QQQ", parameters));
        var overHttp = await Measure.TimeAsync("summary (HTTP)", 50, async () =>
        {
            using var response = await http.GetAsync("/api/event-study/summary?symbols=ERIC,NOK");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });

        string Line(Timing t) => string.Create(CultureInfo.InvariantCulture,
            $"| event study: {studies} studies, {t.Name} | median {t.MedianMs:0.0} ms, p95 {t.P95Ms:0.0} ms | {t.MedianMs / BudgetMs:0.00} × the 50 ms budget |");
        return [Line(inProcess), Line(overHttp)];
    }
}
