using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.EventStudy.Aggregate;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;

namespace MarketContext.Web.Pages;

/// <summary>Did a set of events, taken together, move the stocks? The study across events, with its chart and tests.</summary>
public sealed class EventsAggregateModel(AggregateService service, PriceQueries prices, SeriesRoles roles, PinnedEventSets sets) : PageModel
{
    private static readonly string[] Passed = ["symbols", "benchmark", "pre", "post", "estimation", "gap", "returns"];

    public IReadOnlyList<SeriesSummary> Series { get; private set; } = [];

    /// <summary>The vendors and the benchmark, as every page, chart and study sees them.</summary>
    public RoleMap Roles { get; private set; } = null!;
    public IReadOnlyList<PolicyEvent> DatedEvents { get; private set; } = [];

    /// <summary>all, category or selection: how the members' events are chosen.</summary>
    public string Set { get; private set; } = "all";
    public string Category { get; private set; } = EventCategories.All[1].Id;

    /// <summary>The set studied, pinned to the version it was read at: the chart, the downloads and the links carry <c>slug@version</c>.</summary>
    public PinnedEventSet? EventSet { get; private set; }
    public IReadOnlySet<string> SelectedIds { get; private set; } = new HashSet<string>();
    public IReadOnlyList<string> Symbols { get; private set; } = [];
    public AggregateQuery? Query { get; private set; }
    public AggregateResponse? Study { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The API query of what the page shows, for the chart and the downloads.</summary>
    public string ApiQuery { get; private set; } = "";

    public async Task OnGetAsync()
    {
        Series = [.. (await prices.SeriesAsync()).Where(s => s.Count > 0)];
        Roles = await roles.CurrentAsync();
        var query = Request.Query;
        var (set, unknownSet) = EventSetRef.Parse(query[EventSetRef.Field]) is { } askedSet ? await sets.PinAsync(askedSet) : (null, null);
        if (set is null)
        {
            Errors = [unknownSet?.Message ?? "eventSet must be a set's slug, optionally with @version."];
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        EventSet = set;
        DatedEvents = [.. set.Events.Where(e => e.IsDated)];
        if (!set.HasCategory(Category) && set.Categories.Count > 0)
        {
            Category = set.Categories[0].Id;
        }
        Set = query["set"].ToString() is "category" or "selection" or "all" ? query["set"].ToString()
            : query["category"].Count > 0 ? "category" : query["eventIds"].Count > 0 ? "selection" : "all";
        Category = query["category"].ToString() is { Length: > 0 } category ? category : Category;
        SelectedIds = query["eventIds"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();

        var api = new Dictionary<string, StringValues>();
        foreach (var key in Passed.Where(k => query[k].ToString().Length > 0))
        {
            api[key] = query[key].ToString();
        }
        if (Set == "category")
        {
            api["category"] = Category;
        }
        else if (Set == "selection")
        {
            if (SelectedIds.Count == 0)
            {
                Errors = ["Choose at least one event for a selection."];
                return;
            }
            api["eventIds"] = string.Join(',', SelectedIds);
        }
        api[EventSetRef.Field] = set.Key;
        ApiQuery = QueryString.Create(api.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value.ToString()))).ToUriComponent();

        var (read, errors) = QueryReader.Read<AggregateStudyQuery>(new QueryCollection(api));
        var benchmark = read?.BenchmarkOr(Roles.Benchmark);
        if (read is not null && benchmark is null)
        {
            errors.Add(SeriesRoles.NoBenchmark);
        }
        var parsed = benchmark is null ? null : read!.ToQuery(benchmark);
        Query = parsed;
        var known = Series.Select(s => s.Symbol).ToHashSet(StringComparer.Ordinal);
        Symbols = parsed?.Symbols ?? Roles.Vendors;
        var unknown = Symbols.Append(parsed?.Benchmark ?? "").Where(s => s.Length > 0 && !known.Contains(s)).ToList();
        if (parsed is null || errors.Count > 0 || unknown.Count > 0)
        {
            Errors = [.. errors.Select(e => e.Message), .. unknown.Select(s => $"No prices are loaded for \"{s}\".")];
            return;
        }
        var (study, refusal) = await service.RunAsync(parsed, Symbols, set, HttpContext.RequestAborted);
        Study = study;
        Errors = refusal is null ? [] : [refusal.Detail];
    }

    /// <summary>The single study of one member on the Events page, with this page's windows.</summary>
    public string SingleStudyLink(AggregateMember member)
    {
        var p = Query!.Parameters;
        var pairs = new Dictionary<string, string?>
        {
            ["benchmark"] = Query.Benchmark,
            ["pre"] = p.Pre.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["post"] = p.Post.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["estimation"] = p.Estimation.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["gap"] = p.Gap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["returns"] = p.Returns.ToString().ToLowerInvariant(),
        };
        if (member.EventId is null)
        {
            pairs["symbol"] = member.Symbol;
            pairs["date"] = member.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return "/api/event-study" + QueryString.Create(pairs).ToUriComponent();
        }
        pairs["selected"] = $"{member.EventId}:{member.Symbol}";
        pairs["symbols"] = member.Symbol;
        pairs[EventSetRef.Field] = EventSet?.Key;
        return "/Events" + QueryString.Create(pairs).ToUriComponent();
    }
}
