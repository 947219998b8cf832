using System.Globalization;
using MarketContext.Web.Features.Calendars;

namespace MarketContext.Benchmarks;

/// <summary>
/// Every event of a generated 5,000-event set mapped to day 0 on the six shipped calendars, with its reason, in
/// process, against the 50 ms budget. The set mixes moments announced in New York, Stockholm, Helsinki, Frankfurt
/// and London at any minute of 2000–2027, and events known only to the day.
/// </summary>
public static class DayZeroBenchmark
{
    private const double BudgetMs = 50;
    private const int Events = 5_000;

    public static async Task<IReadOnlyList<string>> RunAsync()
    {
        var events = Generate(Events);
        var calendars = ExchangeCalendars.All;
        var mapped = 0;
        var timing = await Measure.TimeAsync("day 0", 30, () =>
        {
            mapped = 0;
            foreach (var calendar in calendars)
            {
                foreach (var moment in events)
                {
                    if (DayZeros.Map(moment, calendar).Day0 is not null)
                    {
                        mapped++;
                    }
                }
            }
            return Task.CompletedTask;
        });
        return
        [
            string.Create(CultureInfo.InvariantCulture,
                $"| day 0: {Events:N0} events × {calendars.Count} calendars ({mapped:N0} mapped, with reasons), in process | median {timing.MedianMs:0.0} ms, p95 {timing.P95Ms:0.0} ms | {timing.MedianMs / BudgetMs:0.00} × the 50 ms budget |"),
        ];
    }

    private static List<EventMoment> Generate(int count)
    {
        var random = new Random(22);
        var zones = new[] { "America/New_York", "Europe/Stockholm", "Europe/Helsinki", "Europe/Berlin", "Europe/London" }
            .Select(TimeZoneInfo.FindSystemTimeZoneById).ToArray();
        var first = new DateOnly(2000, 1, 3);
        var days = new DateOnly(2027, 12, 20).DayNumber - first.DayNumber;
        var events = new List<EventMoment>(count);
        for (var i = 0; i < count; i++)
        {
            var day = first.AddDays(random.Next(days));
            events.Add(i % 4 == 3
                ? EventMoment.OnDay(day)
                : EventMoment.Announced(day.ToDateTime(new TimeOnly(random.Next(24), random.Next(60))), zones[random.Next(zones.Length)]));
        }
        return events;
    }
}
