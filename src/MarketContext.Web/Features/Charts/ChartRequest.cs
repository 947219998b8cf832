using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http;
using MarketContext.Web.Rendering;

namespace MarketContext.Web.Features.Charts;

public enum ChartMode { Rebased, Price, Percent }

/// <summary>Calendar time, or event time: each event's window aligned at its day 0.</summary>
public enum ChartView { Time, EventTime }

/// <summary>The chart query of the public contract, parsed and bounded.</summary>
public sealed record ChartRequest(
    IReadOnlyList<string>? Symbols,
    DateOnly From,
    DateOnly To,
    ChartMode Mode,
    bool Log,
    IReadOnlySet<string> EventCategories,
    bool Annotations,
    int Width,
    int Height,
    int Scale,
    bool Download,
    ChartView View = ChartView.Time,
    IReadOnlyList<string>? EventIds = null,
    int Window = 10,
    bool Benchmark = false,
    bool Average = false)
{
    public static readonly DateOnly DefaultFrom = new(2019, 1, 1);
    public static readonly DateOnly DefaultTo = new(2020, 6, 30);

    public static (ChartRequest? Request, List<FieldError> Errors) Parse(IQueryCollection query)
    {
        var errors = new List<FieldError>();

        IReadOnlyList<string>? symbols = null;
        if (query["symbols"].ToString() is { Length: > 0 } symbolText)
        {
            symbols = [.. symbolText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).Distinct()];
            foreach (var bad in symbols.Where(s => !Instruments.IsValidSymbol(s)))
            {
                errors.Add(new FieldError($"\"{bad}\" is not a symbol.", Field: "symbols"));
            }
            if (symbols.Count > 8)
            {
                errors.Add(new FieldError("At most 8 symbols fit on one chart.", Field: "symbols"));
            }
        }

        var from = QueryValues.Date(query, "from", DefaultFrom, errors);
        var to = QueryValues.Date(query, "to", DefaultTo, errors);
        if (from > to)
        {
            errors.Add(new FieldError($"from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}.", Field: "from"));
        }

        var mode = ChartMode.Rebased;
        if (query["mode"].ToString() is { Length: > 0 } modeText && !Enum.TryParse(modeText, ignoreCase: true, out mode))
        {
            errors.Add(new FieldError($"mode \"{modeText}\" is not one of rebased, price, percent.", Field: "mode"));
        }

        var categories = new HashSet<string>(EventCatalogueCategories);
        if (query["events"].ToString() is { Length: > 0 } eventsText)
        {
            categories.Clear();
            if (eventsText == "all")
            {
                categories.UnionWith(EventCatalogueCategories);
            }
            else if (eventsText != "none")
            {
                var unknown = new List<string>();
                foreach (var category in eventsText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (Events.EventCategories.IsKnown(category))
                    {
                        categories.Add(category);
                    }
                    else
                    {
                        unknown.Add(category);
                    }
                }
                if (unknown.Count > 0)
                {
                    errors.Add(new FieldError($"events: {QueryValues.Quoted(unknown.Distinct())} unknown; use all, none or {string.Join(", ", EventCatalogueCategories)}.", Field: "events"));
                }
            }
        }

        var view = ChartView.Time;
        if (query["view"].ToString() is { Length: > 0 } viewText)
        {
            if (viewText == "event-time")
            {
                view = ChartView.EventTime;
            }
            else if (viewText != "time")
            {
                errors.Add(new FieldError($"view \"{viewText}\" is not time or event-time.", Field: "view"));
            }
        }
        IReadOnlyList<string> eventIds = [.. query["eventIds"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];
        if (eventIds.Count > 12)
        {
            errors.Add(new FieldError("At most 12 events fit on one event-time chart.", Field: "eventIds"));
        }
        if (view == ChartView.EventTime && eventIds.Count == 0)
        {
            errors.Add(new FieldError("The event-time view needs eventIds, e.g. eventIds=E11,E25.", Field: "eventIds"));
        }

        var width = QueryValues.Int(query, "width", 1200, PictureSize.MinWidth, PictureSize.MaxWidth, errors);
        var height = QueryValues.Int(query, "height", 600, PictureSize.MinHeight, PictureSize.MaxHeight, errors);
        var scale = QueryValues.Int(query, "scale", 1, 1, 3, errors);
        PictureSize.CheckPixels(width, height, scale, errors);
        var request = new ChartRequest(
            symbols, from, to, mode,
            QueryValues.Bool(query, "log", false, errors),
            categories,
            QueryValues.Bool(query, "annotations", true, errors),
            width, height, scale,
            QueryValues.Bool(query, "download", false, errors),
            view,
            eventIds,
            QueryValues.Int(query, "window", 10, 1, 60, errors),
            QueryValues.Bool(query, "benchmark", false, errors),
            QueryValues.Bool(query, "average", false, errors));
        return errors.Count == 0 ? (request, errors) : (null, errors);
    }

    private static IEnumerable<string> EventCatalogueCategories => Events.EventCategories.All.Select(c => c.Id);
}
