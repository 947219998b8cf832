using System.Globalization;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.EventStudy.Aggregate;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Benchmarks;

/// <summary>
/// Sets the size of a trade-policy database, generated in the store: a year's chart of a 5,000-event set against the same
/// chart of the shipped events; the study across events as it grows from 100 to 1,000 events × 2 symbols; and a 5,000-event
/// set read at its first version, after 50 edits, against reading its current version.
/// </summary>
public static class EventSetsBenchmark
{
    private const string Year = "/api/chart.png?symbols=ERIC,NOK&from=2019-01-01&to=2019-12-31&width=1200&height=600";
    private const double ChartGoal = 1.5, StudyGoalMs = 500, OldVersionGoal = 2;

    public static async Task<IReadOnlyList<string>> RunAsync(string prices)
    {
        // No render cache: every request draws its picture, as a new view would (the chart refuses query keys it does not read).
        await using var app = new App(prices, settings: new Dictionary<string, string?> { ["MarketContext:ChartCacheBytes"] = "0" });
        using var http = app.Http();
        var writer = app.Services.GetRequiredService<EventSetWriter>();
        var large = await CreateAsync(writer, "bench-5000", 5000, new DateOnly(2016, 1, 1), new DateOnly(2020, 12, 31));
        var study = await CreateAsync(writer, "bench-1000", 1000, new DateOnly(2005, 1, 3), new DateOnly(2020, 6, 1));

        return [.. await ChartAsync(http, large), .. await StudyAsync(app, study), .. await OldVersionAsync(app, writer, large)];
    }

    private static async Task<string> CreateAsync(EventSetWriter writer, string slug, int count, DateOnly first, DateOnly last)
    {
        var days = last.DayNumber - first.DayNumber;
        var categories = ShippedSet.Categories;
        // Every 25th event a three-week period: a database of measures has both.
        var events = Enumerable.Range(0, count).Select(i =>
        {
            var day = first.AddDays((int)((long)i * days / count));
            return new SetEvent($"G{i:00000}", $"Generated measure {i}", $"Measure {i}", "", categories[i % categories.Count].Id, "decision", ["EU"], [],
                day, "day", i % 25 == 0 ? day.AddDays(20) : null, null, null, null, [], "medium", "", false, null, "", null);
        }).ToList();
        var created = await writer.CreateAsync(slug, new EventSetWriter.SetMeta($"{count} generated measures", "For the benchmark.", categories), "bench", null, events, "imported");
        return created.Outcome == WriteOutcome.Done ? slug : throw new InvalidOperationException(created.Message);
    }

    private static async Task<IReadOnlyList<string>> ChartAsync(HttpClient http, string slug)
    {
        Task<Timing> TimeAsync(string set) => Measure.TimeAsync(set, 20, async () =>
        {
            using var response = await http.GetAsync($"{Year}&eventSet={set}");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
        var shipped = await TimeAsync(ShippedSet.Slug);
        var large = await TimeAsync(slug);
        var ratio = large.MedianMs / shipped.MedianMs;
        return [string.Create(CultureInfo.InvariantCulture,
            $"| event sets: a year's chart PNG with 5,000 events (≈1,000 in view) vs the 34 shipped | 5,000: median {large.MedianMs:0.0} ms, p95 {large.P95Ms:0.0} ms; shipped: median {shipped.MedianMs:0.0} ms | {ratio:0.00} × (goal ≤ {ChartGoal}) |")];
    }

    private static async Task<IReadOnlyList<string>> StudyAsync(App app, string slug)
    {
        var service = app.Services.GetRequiredService<AggregateService>();
        var (set, refusal) = await app.Services.GetRequiredService<PinnedEventSets>().PinAsync(new EventSetRef(slug, null));
        if (set is null)
        {
            throw new InvalidOperationException(refusal!.Message);
        }
        var query = new AggregateStudyQuery().ToQuery("QQQ");
        var lines = new List<string>();
        Timing? smallest = null;
        foreach (var n in new[] { 100, 250, 500, 1000 })
        {
            // Spread over the whole span, as a smaller database of the same years would be.
            var step = set.Events.Count / n;
            var subset = set with { Events = [.. set.Events.Where((_, i) => i % step == 0).Take(n)] };
            var (response, failed) = await service.RunAsync(query, ["ERIC", "NOK"], subset);
            var members = response?.Samples.Single(s => s.Name == AggregateCalculator.Pooled).N ?? throw new InvalidOperationException(failed!.Detail);
            var timing = await Measure.TimeAsync($"{n} events", 5, () => service.RunAsync(query, ["ERIC", "NOK"], subset), warmup: 1);
            smallest ??= timing;
            var verdict = n == 1000 ? $" (goal ≤ {StudyGoalMs} ms: {(timing.MedianMs <= StudyGoalMs ? "met" : "missed")})" : "";
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| event sets: study across {n:N0} events × 2 symbols in process ({members:N0} pooled members) | median {timing.MedianMs:0.0} ms, p95 {timing.P95Ms:0.0} ms{verdict} | {timing.MedianMs / smallest.MedianMs:0.00} × 100 events |"));
        }
        return lines;
    }

    private static async Task<IReadOnlyList<string>> OldVersionAsync(App app, EventSetWriter writer, string slug)
    {
        for (var i = 0; i < 50; i++)
        {
            var id = $"G{i * 100:00000}";
            await writer.ChangeAsync(slug, null, "bench", _ => true, async write =>
            {
                var current = await write.FindAsync(id) ?? throw new InvalidOperationException($"No event {id}.");
                await write.PutAsync(current with { Title = current.Title + " (revised)" }, current);
                return ("event-updated", $"event {id} updated");
            });
        }
        var store = app.Services.GetRequiredService<EventSetStore>();
        var current = await Measure.TimeAsync("current", 20, () => store.ReadAsync(slug));
        var old = await Measure.TimeAsync("version 1", 20, () => store.ReadAsync(slug, 1));
        var ratio = old.MedianMs / current.MedianMs;
        return [string.Create(CultureInfo.InvariantCulture,
            $"| event sets: a 5,000-event set read at version 1 vs its current version 51 | old: median {old.MedianMs:0.0} ms; current: median {current.MedianMs:0.0} ms | {ratio:0.00} × (goal ≤ {OldVersionGoal}) |")];
    }
}
