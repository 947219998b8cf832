using MarketContext.Web.Features.Charts;

namespace MarketContext.Web.Features.Publications;

/// <summary>
/// The title and the source line of a live embed: the picture's own words, in full (a page has the room a picture
/// may not), so the text around the picture names what the picture names.
/// </summary>
public static class EmbedWords
{
    public static (string Title, string Caption) Of(ChartData data, ChartRequest request)
    {
        var options = ChartOptions.Of(request, data.EventSet?.Categories);
        if (request.View == ChartView.EventTime)
        {
            var events = data.SelectedEvents ?? [];
            var symbols = string.Join(", ", data.Series.Where(s => !s.IsBenchmark).Select(s => s.Symbol));
            var title = $"Event time: {symbols} around {events.Count} event{(events.Count == 1 ? "" : "s")} · trading days from day 0";
            var view = $"events {string.Join(", ", events.Select(e => e.Id))}, ±{options.Window} days";
            return (title, ChartCaption.Caption(data, options with { Mode = options.Mode == ChartMode.Percent ? ChartMode.Percent : ChartMode.Rebased }, _ => 0, view));
        }
        return (ChartCaption.Title(data, options, ChartRenderer.Frame.Of(options, data), _ => 0), ChartCaption.Caption(data, options, _ => 0));
    }
}
