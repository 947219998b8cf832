using System.Globalization;
using MarketContext.Web.Features.Calendars;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Rendering;
using ScottPlot;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// Each chosen event's window on a common axis: day 0 is, for each listing, the first session of its own exchange
/// that could price the news (a home listing and its ADR can differ by days), and every line is rebased to 100 at
/// day −1, so moves around different events and listings compare directly.
/// </summary>
public static class EventTimeRenderer
{
    private static readonly string[] EventColors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#A87000", "#0369A1", "#1F2937", "#B91C1C", "#7C3AED", "#4D7C0F", "#92400E", "#0E7490"];

    internal sealed record Window(string EventId, string EventLabel, string Symbol, bool IsBenchmark, DateOnly Day0, int[] Days, double[] Shown, double[] Ys, string? Day0Reason = null);

    public static ChartPicture Render(ChartData data, ChartOptions options)
    {
        PictureFonts.Ensure();
        var plot = new Plot();
        plot.Layout.Fixed(ChartRenderer.Padding);
        var events = data.SelectedEvents ?? [];
        var windows = Windows(data, options).ToList();
        var missing = events.SelectMany(e => data.Series.Select(s => (e, s)))
            .Where(x => !windows.Any(w => w.EventId == x.e.Id && w.Symbol == x.s.Symbol))
            .Select(x => $"{x.s.Symbol} {x.e.Id}").ToList();

        foreach (var w in windows)
        {
            var eventIndex = events.ToList().FindIndex(e => e.Id == w.EventId);
            var color = w.IsBenchmark ? Color.FromHex(ChartColors.Benchmark) : Color.FromHex(EventColors[eventIndex % EventColors.Length]);
            var vendorIndex = data.Series.Where(s => !s.IsBenchmark).ToList().FindIndex(s => s.Symbol == w.Symbol);
            foreach (var (start, length) in Runs(w.Days))
            {
                var line = plot.Add.ScatterLine(w.Days[start..(start + length)].Select(d => (double)d).ToArray(), w.Ys[start..(start + length)], color);
                // Vendors of one event share its colour; the second vendor is marked with dots (dashes do not survive SVG).
                line.LineWidth = w.IsBenchmark ? 1.5f : 2;
                line.MarkerSize = vendorIndex == 1 || length == 1 ? 5 : 0;
                line.MarkerShape = MarkerShape.FilledCircle;
                line.LegendText = start == 0 ? $"{w.Symbol} · {w.EventId} {w.EventLabel} ({w.Day0:yyyy-MM-dd})" : "";
            }
        }

        var averages = options.Average ? Averages(windows) : [];
        foreach (var a in averages)
        {
            var line = plot.Add.ScatterLine(a.Days.Select(d => (double)d).ToArray(), a.Ys, Color.FromHex("#111827").WithAlpha(0.8));
            line.LineWidth = 4;
            line.MarkerSize = 0;
            line.LegendText = $"{a.Symbol} · {a.EventLabel}";
        }

        var baseline = options.Mode == ChartMode.Percent ? 0 : options.Log ? 2 : 100;
        plot.Add.HorizontalLine(baseline, 1, Color.FromHex("#6B7280")).ExcludeFromLegend = true;
        var dayZero = plot.Add.VerticalLine(0, 1.5f, Color.FromHex("#111827"));
        dayZero.ExcludeFromLegend = true;

        var all = windows.SelectMany(w => w.Ys).DefaultIfEmpty(baseline).ToList();
        var (min, max) = (all.Min(), all.Max());
        var pad = Math.Max((max - min) * 0.06, options.Log ? 0.005 : 0.5);
        var legendRows = Math.Ceiling(windows.Count / Math.Max(1.0, Math.Floor((options.Width - 120) / 330.0)));
        var dataHeight = options.Height - ChartRenderer.Padding.Top - ChartRenderer.Padding.Bottom;
        var legendShare = Math.Min(0.45, (legendRows * 21 + 26) / dataHeight);
        var yMin = min - pad - (max - min + 2 * pad) * legendShare / (1 - legendShare);
        var yMax = max + pad;
        plot.Axes.SetLimits(-options.Window - 0.5, options.Window + 0.5, yMin, yMax);
        var ticks = Enumerable.Range(-options.Window, 2 * options.Window + 1).Where(d => options.Window <= 15 || d % 5 == 0).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. ticks.Select(d => (double)d)], [.. ticks.Select(d => d.ToString("+0;−0;0", CultureInfo.InvariantCulture))]);
        plot.Axes.Left.TickGenerator = options.Log
            ? ChartTicks.LogTicks(min - pad, yMax, options.Mode == ChartMode.Percent ? ChartMode.Percent : ChartMode.Rebased)
            : ChartTicks.LinearTicks(min - pad, yMax);
        if (windows.Count > 0)
        {
            plot.ShowLegend(Alignment.LowerLeft, Orientation.Horizontal);
            plot.Legend.FontSize = 11;
            plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
        }
        else
        {
            var empty = plot.Add.Text("No event window has prices: choose events inside the loaded history.", 0, (yMin + yMax) / 2);
            empty.LabelFontSize = 16;
            empty.LabelFontColor = Color.FromHex("#6B7280");
            empty.LabelAlignment = Alignment.MiddleCenter;
        }

        var symbols = string.Join(", ", data.Series.Where(s => !s.IsBenchmark).Select(s => s.Symbol));
        plot.Title($"Event time: {symbols} around {events.Count} event{(events.Count == 1 ? "" : "s")} · trading days from day 0", 14);
        plot.YLabel((options.Mode == ChartMode.Percent ? "Change since day −1 (%)" : "Rebased (day −1 = 100)") + ChartCaption.In(data) + (options.Log ? ", log" : ""), 12);
        var gaps = missing.Count > 0 ? $" · no window for {string.Join(", ", missing)}" : "";
        using var measure = new TextMeasure();
        plot.XLabel(ChartCaption.Caption(data, options with { Mode = options.Mode == ChartMode.Percent ? ChartMode.Percent : ChartMode.Rebased },
            text => measure.Width(text, ChartCaption.CaptionFontSize, plot.Axes.Bottom.Label.Bold), $"events {string.Join(", ", events.Select(e => e.Id))}, day 0 per listing: its exchange's first session after the news, ±{options.Window} days{gaps}"), ChartCaption.CaptionFontSize);

        var dataRect = new PixelBox(ChartRenderer.Padding.Left, ChartRenderer.Padding.Top,
            options.Width - ChartRenderer.Padding.Left - ChartRenderer.Padding.Right, dataHeight);
        var layout = new ChartLayout(dataRect, null, null, yMin, yMax, DayZeroMarker(events, data, dataRect, options.Window), -options.Window, options.Window);
        return new ChartPicture(plot, layout, new ImageSize(options.Width, options.Height, options.Scale), () => Table([.. windows, .. averages], options.Window));
    }

    /// <summary>
    /// One marker on the day-0 line for the chosen events, naming each one's day 0 on every listing drawn with the
    /// reason, as the calendars placed them: the page shows these words, it does not work them out.
    /// </summary>
    private static IReadOnlyList<ChartMarker> DayZeroMarker(IReadOnlyList<PolicyEvent> events, ChartData data, PixelBox dataRect, int window)
    {
        var listings = events.SelectMany(e => ChartRenderer.EventDayZeros(e, data) ?? []).ToList();
        if (events.Count == 0 || listings.Count == 0)
        {
            return [];
        }
        var x = dataRect.Left + (window + 0.5) / (2 * window + 1) * dataRect.Width;
        return [new ChartMarker("event", events[0].Id, x, null) { Ids = events.Count == 1 ? null : [.. events.Select(e => e.Id)], Listings = listings }];
    }

    internal static IEnumerable<Window> Windows(ChartData data, ChartOptions options)
    {
        foreach (var e in data.SelectedEvents ?? [])
        {
            if (EventMoment.Of(e) is not { } moment)
            {
                continue;
            }
            foreach (var series in data.Series)
            {
                var exchange = data.Exchanges?.GetValueOrDefault(series.Symbol);
                var calendar = ExchangeCalendars.Find(exchange) ?? ExchangeCalendars.Find(DayZeros.FallbackMic)!;
                // A listing's day 0 is a session of its exchange; a series without a row that day has no window, rather than a shifted one.
                var zero = DayZeros.ForListing(moment, exchange);
                if (zero.Day0 is not { } day0 || Array.BinarySearch(series.Dates, day0) < 0)
                {
                    continue;
                }
                // Days count the exchange's sessions: a session without a row leaves its day empty, and the days after keep their place.
                var sessions = SessionsAround(calendar, day0, options.Window);
                var before = sessions[-1] is { } dayBefore ? Array.BinarySearch(series.Dates, dayBefore) : -1;
                if (before < 0)
                {
                    continue;
                }
                var baseValue = series.Values[before];
                var rows = sessions.Where(s => s.Key >= -options.Window && s.Value is not null)
                    .Select(s => (Day: s.Key, Row: Array.BinarySearch(series.Dates, s.Value!.Value)))
                    .Where(x => x.Row >= 0).OrderBy(x => x.Day).ToList();
                var days = rows.Select(x => x.Day).ToArray();
                var ratios = rows.Select(x => series.Values[x.Row] / baseValue).ToArray();
                var shown = ratios.Select(r => options.Mode == ChartMode.Percent ? (r - 1) * 100 : r * 100).ToArray();
                var ys = options.Log
                    ? ratios.Select(r => Math.Log10(options.Mode == ChartMode.Percent ? r : r * 100)).ToArray()
                    : shown;
                yield return new Window(e.Id, e.Label, series.Symbol, series.IsBenchmark, day0, days, shown, ys, zero.Reason);
            }
        }
    }

    /// <summary>The exchange's sessions from <c>window + 1</c> before day 0 to <c>window</c> after it, by their place from day 0; null where the calendar ends.</summary>
    internal static Dictionary<int, DateOnly?> SessionsAround(ExchangeCalendar calendar, DateOnly day0, int window)
    {
        var sessions = new Dictionary<int, DateOnly?> { [0] = day0 };
        var day = day0;
        for (var place = -1; place >= -window - 1; place--)
        {
            do
            {
                day = day.AddDays(-1);
            }
            while (calendar.Covers(day) && !calendar.IsSession(day));
            sessions[place] = calendar.Covers(day) ? day : null;
        }
        day = day0;
        for (var place = 1; place <= window; place++)
        {
            do
            {
                day = day.AddDays(1);
            }
            while (calendar.Covers(day) && !calendar.IsSession(day));
            sessions[place] = calendar.Covers(day) ? day : null;
        }
        return sessions;
    }

    /// <summary>The runs of consecutive days of a window: a day without a row breaks the line rather than bridging it.</summary>
    internal static IEnumerable<(int Start, int Length)> Runs(int[] days)
    {
        var start = 0;
        for (var i = 1; i <= days.Length; i++)
        {
            if (i == days.Length || days[i] != days[i - 1] + 1)
            {
                yield return (start, i - start);
                start = i;
            }
        }
    }

    /// <summary>Each vendor's average path over the chosen events: the mean of its windows on each day that has any.</summary>
    internal static List<Window> Averages(IReadOnlyList<Window> windows) =>
        [.. windows.Where(w => !w.IsBenchmark).GroupBy(w => w.Symbol).Where(g => g.Count() > 1).Select(g =>
        {
            var days = g.SelectMany(w => w.Days).Distinct().Order().ToArray();
            double Mean(Func<Window, double[]> values, int day) => g.Where(w => w.Days.Contains(day)).Average(w => values(w)[Array.IndexOf(w.Days, day)]);
            return new Window("average", $"average of {g.Count()} events", g.Key, false, default, days,
                [.. days.Select(d => Mean(w => w.Shown, d))], [.. days.Select(d => Mean(w => w.Ys, d))]);
        })];

    private static PlottedTable Table(IReadOnlyList<Window> windows, int window) => new(
        ["day", .. windows.Select(w => $"{w.Symbol} {w.EventId}")],
        [.. Enumerable.Range(-window, 2 * window + 1).Select(day => (IReadOnlyList<string>)[
            day.ToString(CultureInfo.InvariantCulture),
            .. windows.Select(w => Array.IndexOf(w.Days, day) is var i and >= 0 ? w.Shown[i].ToString("0.######", CultureInfo.InvariantCulture) : "")])]);
}
