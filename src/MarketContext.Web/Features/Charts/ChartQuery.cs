using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Features.Prices.Currencies;
using MarketContext.Web.Http.Contract;
using MarketContext.Web.Rendering;
using Microsoft.AspNetCore.Mvc;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// The chart's view as a query: what every chart route binds (<c>[AsParameters] ChartQuery</c>), validated before the
/// handler runs, then read as the bounded <see cref="ChartRequest"/> the loaders and the renderer take.
/// </summary>
public sealed class ChartQuery : PictureQuery
{
    public const int MaxSymbols = 8, MaxEvents = 12;

    [FromQuery(Name = "symbols"), Description("Comma-separated symbols, at most 8; default: the vendors.")]
    public string? Symbols { get; init; }

    [FromQuery(Name = "from"), WellFormed, Description("First day, YYYY-MM-DD; default 2019-01-01.")]
    public QueryDate? From { get; init; }

    [FromQuery(Name = "to"), WellFormed, Description("Last day, YYYY-MM-DD; default 2020-06-30.")]
    public QueryDate? To { get; init; }

    [FromQuery(Name = "mode"), WellFormed, Description("rebased (each series 100 at its first point), price, or percent change; default rebased.")]
    public QueryChoice<ChartMode>? Mode { get; init; }

    [FromQuery(Name = "log"), WellFormed, Description("Logarithmic y axis.")]
    public QueryFlag? Log { get; init; }

    [FromQuery(Name = "events"), Description("all, none, or comma-separated categories of the event set; default all.")]
    public string? Events { get; init; }

    [FromQuery(Name = "annotations"), WellFormed, Description("Draw the annotations; default true.")]
    public QueryFlag? Annotations { get; init; }

    [FromQuery(Name = "view"), WellFormed, Description("Calendar time, or event time: each event's window aligned at its day 0.")]
    public QueryChoice<ChartView>? View { get; init; }

    [FromQuery(Name = "eventIds"), Description("Comma-separated event ids for the event-time view, at most 12.")]
    public string? EventIds { get; init; }

    [FromQuery(Name = "window"), WholeNumber(1, 60), Description("Trading days either side of day 0 in the event-time view; default 10.")]
    public QueryNumber? Window { get; init; }

    [FromQuery(Name = "benchmark"), WellFormed, Description("Overlay the benchmark.")]
    public QueryFlag? Benchmark { get; init; }

    [FromQuery(Name = "average"), WellFormed, Description("Event time: each vendor's average path over the chosen events.")]
    public QueryFlag? Average { get; init; }

    [FromQuery(Name = "company"), MaxLength(100),
     Description("Every stored listing of one company (e.g. Ericsson: ERIC and ERIC-B.ST) instead of symbols; in event time each on its own day 0.")]
    public string? Company { get; init; }

    [FromQuery(Name = "theme"), WellFormed, Description("light (default) or dark: the picture's colours, as the page shows them in either theme.")]
    public QueryChoice<ChartTheme>? Theme { get; init; }

    [FromQuery(Name = "currency"), Description("ISO 4217 code (USD, SEK, EUR…): every listing converted to it with the stored FX closes of the same day; default: each listing in its own currency.")]
    public string? Currency { get; init; }

    [FromQuery(Name = "eventSet"), EventSetName, Description("The event set drawn: slug (its current version) or slug@version; default: huawei-5g-europe, current version.")]
    public string? EventSet { get; init; }

    [FromQuery(Name = "asOf"), WellFormed, Description(PriceAsOfText.Description)]
    public QueryAsOf? AsOf { get; init; }

    [FromQuery(Name = "annotationsAsOf"), WholeNumber(0, long.MaxValue),
     Description("The annotations as they were after this change seq (see /api/annotations/changes): those added later hidden, those changed or deleted later as they were; default: as they are now.")]
    public QueryNumber? AnnotationsAsOf { get; init; }

    protected override (int Width, int Height) DefaultSize() => (1200, 600);

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var symbols = SymbolList();
        foreach (var bad in symbols?.Where(s => !Instruments.IsValidSymbol(s)) ?? [])
        {
            yield return Refused($"{QueryText.Quote(bad)} is not a symbol.", "symbols");
        }
        if (symbols is not null && !string.IsNullOrWhiteSpace(Company))
        {
            yield return Refused("Give symbols or company, not both.", "company");
        }
        if (symbols?.Count > MaxSymbols)
        {
            yield return Refused($"At most {MaxSymbols} symbols fit on one chart.", "symbols");
        }
        var (from, to) = (From?.Value ?? ChartRequest.DefaultFrom, To?.Value ?? ChartRequest.DefaultTo);
        foreach (var (day, field) in new[] { (from, "from"), (to, "to") }.Where(d => d.Item1 < PriceBar.EarliestDate))
        {
            yield return Refused($"{field} {day:yyyy-MM-dd} is before the year 100, where no price is.", field);
        }
        if (from > to)
        {
            yield return Refused($"from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}.", "from");
        }
        var eventIds = QueryText.Items(EventIds);
        if (eventIds.Count > MaxEvents)
        {
            yield return Refused($"At most {MaxEvents} events fit on one event-time chart.", "eventIds");
        }
        if (QueryChoice<ChartView>.Or(View, ChartView.Time) == ChartView.EventTime && eventIds.Count == 0)
        {
            yield return Refused("The event-time view needs eventIds, e.g. eventIds=E11,E25.", "eventIds");
        }
        if (!string.IsNullOrEmpty(Currency) && CurrencyCodes.Normalize(Currency) is null)
        {
            yield return Refused($"currency {QueryText.Quote(Currency)} is not an ISO 4217 currency code such as USD, SEK or EUR.", "currency");
        }
        foreach (var error in base.Validate(validationContext))
        {
            yield return error;
        }
    }

    /// <summary>The view this query asks for; call only on a query that validated.</summary>
    public ChartRequest ToRequest()
    {
        var size = ImageSize();
        return new ChartRequest(
            SymbolList(),
            From?.Value ?? ChartRequest.DefaultFrom,
            To?.Value ?? ChartRequest.DefaultTo,
            QueryChoice<ChartMode>.Or(Mode, ChartMode.Rebased),
            QueryFlag.Or(Log, false),
            Categories(),
            QueryFlag.Or(Annotations, true),
            size.Width, size.Height, size.Scale,
            IsDownload(),
            QueryChoice<ChartView>.Or(View, ChartView.Time),
            QueryText.Items(EventIds),
            QueryNumber.Or(Window, 10),
            QueryFlag.Or(Benchmark, false),
            QueryFlag.Or(Average, false),
            QueryChoice<ChartTheme>.Or(Theme, ChartTheme.Light),
            EventSetRef.Parse(EventSet) ?? EventSetRef.Shipped,
            string.IsNullOrWhiteSpace(Company) ? null : Company.Trim())
        { Currency = CurrencyCodes.Normalize(Currency), AsOf = PriceAsOfText.Of(AsOf), AnnotationsAsOf = AnnotationsAsOf?.Value };
    }

    private List<string>? SymbolList() =>
        string.IsNullOrEmpty(Symbols) ? null : [.. QueryText.Items(Symbols).Select(s => s.ToUpperInvariant()).Distinct()];

    /// <summary>Null for every category of the set: which categories a set has is known once the set is read.</summary>
    private HashSet<string>? Categories() => Events switch
    {
        null or "" or "all" => null,
        "none" => [],
        _ => [.. QueryText.Items(Events)],
    };

    private static ValidationResult Refused(string message, string field) => new(message, [field]);
}
