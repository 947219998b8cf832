using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketContext.Web.Pages;

/// <summary>Every event of a set × vendor: did the stock move more than the market model explains?</summary>
public sealed class EventsModel(EventStudyService studies, PriceQueries prices, SeriesRoles roles, PinnedEventSets sets, EventSetStore store) : PageModel
{
    public static readonly IReadOnlyList<(string Key, string Name)> Columns =
    [
        ("event", "Event"), ("symbol", "Vendor"), ("day0", "Day 0"), ("car1", "CAR [−1,+1]"), ("t1", "t"), ("p1", "p"),
        ("q1", "q"), ("car5", "CAR [−5,+5]"), ("t5", "t"), ("p5", "p"), ("q5", "q"),
    ];

    public IReadOnlyList<EventStudySummaryRow> Rows { get; private set; } = [];

    /// <summary>Benjamini–Hochberg q-values of each row, over all rows of the table.</summary>
    public IReadOnlyDictionary<EventStudySummaryRow, SummaryQ> QValues { get; private set; } = new Dictionary<EventStudySummaryRow, SummaryQ>();

    /// <summary>The symbols studied: those asked for in <c>symbols=</c>, else the vendors.</summary>
    public IReadOnlyList<string> Symbols { get; private set; } = [];
    public IReadOnlyList<SeriesSummary> Series { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public EventStudyQuery? Query { get; private set; }
    public string Sort { get; private set; } = "event";
    public bool Descending { get; private set; }
    public string? SelectedEvent { get; private set; }
    public string? SelectedSymbol { get; private set; }

    /// <summary>The set studied, pinned to the version it was read at: every link of the page carries <c>slug@version</c>.</summary>
    public PinnedEventSet? EventSet { get; private set; }

    /// <summary>The sets to choose from.</summary>
    public IReadOnlyList<EventSetSummary> Sets { get; private set; } = [];

    public async Task OnGetAsync(string? sort, string? dir, string? selected)
    {
        Series = [.. (await prices.SeriesAsync()).Where(s => s.Count > 0)];
        var current = await roles.CurrentAsync();
        var (read, errors) = QueryReader.Read<SummaryQuery>(Request.Query);
        var benchmark = read?.BenchmarkOr(current.Benchmark);
        if (read is not null && benchmark is null)
        {
            errors.Add(SeriesRoles.NoBenchmark);
        }
        if (read is not null)
        {
            var (set, unknownSet) = await sets.PinAsync(read.EventSetAsked());
            EventSet = set;
            if (unknownSet is not null)
            {
                errors.Add(unknownSet);
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }
        Sets = await store.ListAsync();
        var query = read is null || benchmark is null ? null : new EventStudyQuery("", benchmark, null, null, read.Parameters());
        var asked = read?.SymbolList();
        var known = Series.Select(s => s.Symbol).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in (asked ?? []).Where(s => !known.Contains(s)))
        {
            errors.Add(new FieldError($"No prices are loaded for \"{unknown}\".", Field: "symbols"));
        }
        Errors = errors;
        Query = query;
        Sort = Columns.Any(c => c.Key == sort) ? sort! : "event";
        Descending = dir == "desc";
        if (query is null || errors.Count > 0 || EventSet is null)
        {
            return;
        }
        Symbols = asked ?? current.Vendors;
        var rows = await studies.SummaryAsync(Symbols, query.Benchmark, query.Parameters, EventSet);
        var q = SummaryQValues.For(rows);
        QValues = rows.Select((r, i) => (r, q[i])).ToDictionary<(EventStudySummaryRow Row, SummaryQ Q), EventStudySummaryRow, SummaryQ>(x => x.Row, x => x.Q, ReferenceEqualityComparer.Instance);
        Rows = Sorted(rows);
        if (selected?.Split(':') is [var eventId, var symbol])
        {
            (SelectedEvent, SelectedSymbol) = (eventId, symbol);
        }
    }

    private IReadOnlyList<EventStudySummaryRow> Sorted(IReadOnlyList<EventStudySummaryRow> rows)
    {
        // Rows without a result sort last whatever the direction.
        Func<EventStudySummaryRow, IComparable?> key = Sort switch
        {
            "symbol" => r => r.Symbol,
            "day0" => r => r.Day0,
            "car1" => r => r.Car1?.Car,
            "t1" => r => r.Car1?.TStat,
            "p1" => r => r.Car1?.PValue,
            "car5" => r => r.Car5?.Car,
            "t5" => r => r.Car5?.TStat,
            "p5" => r => r.Car5?.PValue,
            "q1" => r => QValues[r].Q1,
            "q5" => r => QValues[r].Q5,
            _ => r => r.Day0,
        };
        var present = rows.Where(r => key(r) is not null);
        var ordered = Descending ? present.OrderByDescending(key) : present.OrderBy(key);
        return [.. ordered.ThenBy(r => r.EventId).ThenBy(r => r.Symbol), .. rows.Where(r => key(r) is null)];
    }

    /// <summary>This page's URL with some parameters changed, so every link keeps the study's settings.</summary>
    public string With(params (string Key, string? Value)[] changes)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        if (EventSet is not null)
        {
            query[EventSetRef.Field] = EventSet.Key;
        }
        foreach (var (key, value) in changes)
        {
            query[key] = value;
        }
        return QueryString.Create(query.Where(q => !string.IsNullOrEmpty(q.Value))).ToUriComponent() is var qs && qs.Length > 0 ? "/Events" + qs : "/Events";
    }

    public string StudyQuery(params (string Key, string Value)[] extra)
    {
        var p = Query!.Parameters;
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("benchmark", Query.Benchmark), new("estimation", p.Estimation.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("gap", p.Gap.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("returns", p.Returns.ToString().ToLowerInvariant()),
        };
        // The summary's symbols; a single study (its symbol among the extras) reads no such key and would refuse it.
        if (Request.Query["symbols"].Count > 0 && Symbols.Count > 0 && !extra.Any(e => e.Key == "symbol"))
        {
            pairs.Add(new("symbols", string.Join(',', Symbols)));
        }
        if (EventSet is not null)
        {
            pairs.Add(new(EventSetRef.Field, EventSet.Key));
        }
        pairs.AddRange(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)));
        return QueryString.Create(pairs).ToUriComponent();
    }
}
