using System.Data.Common;
using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Features.Prices.Currencies;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;

namespace MarketContext.Web.Features.Charts;

/// <summary>The thin edge that gathers what a chart request asks for.</summary>
public sealed class ChartDataLoader(Db db, PriceQueries prices, SeriesRoles roles, PriceSeriesCache cache, AnnotationStore annotations, PinnedEventSets sets,
    PriceVintages vintages, AnnotationsAsOf annotationsAsOf)
{
    private const string AnnotationsSeqSql = "select coalesce(max(seq), 0) from annotation_changes";

    /// <summary>
    /// The request with its event set pinned to one version, read once here so that the picture, its cache key and its
    /// ETag all speak of the same version; a refusal naming <c>eventSet</c> or <c>events</c> when the set or a category is unknown.
    /// </summary>
    public async Task<(ChartRequest? Request, IResult? Refusal)> PinAsync(ChartRequest request, CancellationToken cancellationToken)
    {
        var (set, refusal) = await sets.PinAsync(request.EventSet ?? EventSetRef.Shipped, cancellationToken);
        if (set is null)
        {
            return (null, PinnedEventSets.Refused(refusal!));
        }
        if (request.EventCategories?.Where(c => !set.HasCategory(c)).ToList() is { Count: > 0 } unknown)
        {
            return (null, Problems.Validation("events",
                $"events: {QueryText.Quoted(unknown)} unknown in {set.Key}; use all, none or {string.Join(", ", set.Categories.Select(c => c.Id))}."));
        }
        return (request with { EventSet = new EventSetRef(set.Slug, set.Version) }, null);
    }

    /// <summary>The set a (pinned) request draws; a view watched without a version follows the set's current one.</summary>
    private async Task<PinnedEventSet> SetOfAsync(ChartRequest request, CancellationToken cancellationToken)
    {
        var (set, refusal) = await sets.PinAsync(request.EventSet ?? EventSetRef.Shipped, cancellationToken);
        return set ?? throw new InvalidOperationException(refusal!.Message);
    }

    /// <summary>
    /// What a chart's picture depends on besides its query: the versions of the series it shows (an import of
    /// another symbol leaves it alone), which of them is the benchmark (drawn apart), the annotations and the event set's version.
    /// </summary>
    public async Task<string> VersionAsync(ChartRequest request, CancellationToken cancellationToken) =>
        (await CheckAsync(request, cancellationToken)).Version;

    /// <summary>The version, and why the view cannot be drawn in the currency it asks for (null when it can).</summary>
    public async Task<(string Version, string? CurrencyRefusal)> CheckAsync(ChartRequest request, CancellationToken cancellationToken)
    {
        // One connection for every version a revalidation reads: the roles, the series and the annotations.
        request = await OfCompanyAsync(request, cancellationToken);
        await using var connection = await db.OpenAsync(cancellationToken);
        var (symbols, benchmark) = Symbols(request, await roles.CurrentAsync(connection));
        var versions = await cache.VersionsOf(connection, symbols);
        // A picture without annotations (the page's static layer) stays valid however many notes are written.
        var annotationsSeq = DrawsAnnotations(request) ? request.AnnotationsAsOf ?? await connection.ExecuteScalarAsync<long>(AnnotationsSeqSql) : 0L;
        var shownBenchmark = benchmark is not null && symbols.Contains(benchmark) ? benchmark : "";
        var plan = await PlanAsync(request, symbols, connection, cancellationToken);
        var set = await SetOfAsync(request, cancellationToken);
        var asOf = request.AsOf is null ? "" : $".asOf{await VintageAsync(request)}";
        var version = $"{string.Join(',', symbols.Select(s => $"{s}:{versions[s]}"))}.{shownBenchmark}.{annotationsSeq}.{set.Key}{asOf}";
        return plan is null ? (version, null) : ($"{version}.{plan.Key}", plan.Refusals.Count > 0 ? string.Join(" ", plan.Refusals) : null);
    }

    /// <summary>The routes to the asked currency of the listings (those stored) among <paramref name="symbols"/>; null when none is asked.</summary>
    private async Task<CurrencyPlan?> PlanAsync(ChartRequest request, IReadOnlyList<string> symbols, DbConnection? connection, CancellationToken cancellationToken)
    {
        if (request.Currency is not { } currency)
        {
            return null;
        }
        var listings = await prices.InstrumentsAsync([.. symbols], cancellationToken);
        return await CurrencyPlan.MakeAsync(currency, listings, async fx => connection is null ? await cache.VersionsOf(fx, cancellationToken) : await cache.VersionsOf(connection, fx));
    }

    /// <summary>Why the view's <c>asOf</c> stands for no vintage, or null when it does (or there is none).</summary>
    public async Task<string?> AsOfRefusalAsync(ChartRequest request, CancellationToken cancellationToken) =>
        request.AsOf is { } asOf ? (await vintages.ResolveAsync(asOf, cancellationToken)).Refusal : null;

    /// <summary>Why the view's <c>annotationsAsOf</c> names no state of the annotations, or null when it does (or there is none).</summary>
    public async Task<string?> AnnotationsAsOfRefusalAsync(ChartRequest request, CancellationToken cancellationToken) =>
        request.AnnotationsAsOf is { } seq ? await annotationsAsOf.RefusalAsync(seq, "annotationsAsOf", cancellationToken) : null;

    /// <summary>The annotations of the days from <paramref name="from"/> to <paramref name="to"/> as they were after change <paramref name="seq"/>.</summary>
    public Task<IReadOnlyList<Annotation>> AnnotationsAtAsync(long seq, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        annotationsAsOf.ListAsync(seq, from, to, cancellationToken);

    /// <summary>The vintage the view reads the prices at: the one <c>asOf</c> stands for, or the latest.</summary>
    private async Task<long> VintageAsync(ChartRequest request)
    {
        if (request.AsOf is not { } asOf)
        {
            return PriceVintages.Latest;
        }
        var (vintage, refusal) = await vintages.ResolveAsync(asOf);
        return refusal is null ? vintage : throw new InvalidOperationException(refusal);
    }

    private static bool DrawsAnnotations(ChartRequest request) => request.Annotations && request.View == ChartView.Time;

    /// <summary>The symbols a chart shows (those asked for, by default the vendors, and the benchmark when overlaid) and which is the benchmark.</summary>
    private static (IReadOnlyList<string> Symbols, string? Benchmark) Symbols(ChartRequest request, RoleMap current)
    {
        IReadOnlyList<string> symbols = request.Symbols is { } asked ? [.. asked.Select(s => s.ToUpperInvariant())] : current.Vendors;
        var overlay = request.Benchmark && current.Benchmark is { } benchmark && !symbols.Contains(benchmark);
        return (overlay ? [.. symbols, current.Benchmark!] : symbols, current.Benchmark);
    }

    /// <summary>A company's listings as the symbols shown (none when no stored series belongs to it), in symbol order.</summary>
    private async Task<ChartRequest> OfCompanyAsync(ChartRequest request, CancellationToken cancellationToken) =>
        request.Company is not { } company ? request : request with
        {
            Symbols = [.. (await prices.SeriesAsync(cancellationToken)).Where(s => string.Equals(s.Company, company, StringComparison.OrdinalIgnoreCase))
                .Select(s => s.Symbol).Order(StringComparer.Ordinal).Take(ChartQuery.MaxSymbols)],
        };

    public async Task<(ChartData Data, IReadOnlyList<string> Missing)> LoadAsync(ChartRequest request, CancellationToken cancellationToken)
    {
        // Only the series shown are read: the cost of a chart does not grow with the instruments stored.
        request = await OfCompanyAsync(request, cancellationToken);
        var (symbols, benchmark) = Symbols(request, await roles.CurrentAsync(cancellationToken));
        var instruments = await prices.InstrumentsAsync([.. symbols], cancellationToken);
        var vintage = await VintageAsync(request);
        string[] shown = [.. instruments.Select(i => i.Symbol)];
        var cached = vintage == PriceVintages.Latest ? await cache.GetAsync(shown) : await vintages.SeriesAsync(vintage, shown);
        var loaded = instruments.Zip(cached).Where(x => x.Second.Dates.Length > 0)
            .ToDictionary(x => x.First.Symbol, x => (Instrument: x.First, Series: x.Second));
        var missing = symbols.Where(s => !loaded.ContainsKey(s)).ToList();
        if (request.Company is { } company && symbols.Count == 0)
        {
            missing.Add($"any listing of the company \"{company}\"");
        }

        var set = await SetOfAsync(request, cancellationToken);
        var selected = request.EventIds is { Count: > 0 } ids ? ids.Select(set.Find).ToList() : [];
        missing.AddRange(request.EventIds?.Where((id, i) => selected[i] is null).Select(id => $"event {id}") ?? []);

        var plan = await PlanAsync(request, [.. loaded.Keys], null, cancellationToken);
        missing.AddRange(plan?.Refusals.Select(r => $"currency: {r}") ?? []);
        var rates = plan is { Refusals.Count: 0 } ? await RatesAsync(plan, vintage) : new Dictionary<string, FxRates>();
        var series = new List<ChartSeries>();
        var conversions = new List<ListingConversion>();
        foreach (var (instrument, all) in symbols.Where(loaded.ContainsKey).Select(s => loaded[s]))
        {
            // A price chart shows what was quoted; comparisons use adjusted closes so dividends do not look like falls.
            var quoted = request.Mode == ChartMode.Price && request.View == ChartView.Time ? all.Closes : all.Values;
            // Converted before the range is cut and anything is rebased: a rebased line then compares in one currency.
            var (dates, values, withoutRate) = plan is { Refusals.Count: 0 } ? plan.Convert(instrument.Symbol, all.Dates, quoted, rates) : new ConvertedSeries(all.Dates, quoted, []);
            var (start, end) = request.View == ChartView.Time ? Range(dates, request.From, request.To) : (0, dates.Length);
            series.Add(new ChartSeries(instrument.Symbol, instrument.Name, dates[start..end], values[start..end], instrument.Symbol == benchmark,
                start > 0 ? values[start - 1] : null, plan?.Currency ?? instrument.Currency));
            if (plan is not null && plan.Routes.TryGetValue(instrument.Symbol, out var route))
            {
                var dropped = request.View == ChartView.Time ? withoutRate.Where(d => d >= request.From && d <= request.To).ToList() : [.. withoutRate];
                conversions.Add(new ListingConversion(instrument.Symbol, route, dropped.Count, [.. dropped.Take(ListingConversion.DatesNamed)]));
            }
        }

        var shownEvents = set.Events.Where(e => e.IsDated && request.ShowsCategory(e.Category)).ToList();
        var shownAnnotations = !DrawsAnnotations(request) ? []
            : request.AnnotationsAsOf is { } seq ? await annotationsAsOf.ListAsync(seq, request.From, request.To, cancellationToken)
            : await annotations.ListAsync(request.From, request.To, cancellationToken);
        var lastDate = symbols.Where(loaded.ContainsKey).Select(s => (DateOnly?)loaded[s].Series.Dates[^1]).Max();
        var origins = await vintages.OriginsAsync([.. series.Select(s => s.Symbol)], vintage, cancellationToken);
        // Each listing's day 0 in the event-time view comes from its own exchange's calendar.
        var exchanges = request.View == ChartView.EventTime ? (await prices.SeriesAsync(cancellationToken)).ToDictionary(s => s.Symbol, s => s.Exchange) : null;
        var money = plan is null ? null : new ChartMoney(plan.Currency, conversions);
        return (new ChartData(series, shownEvents, shownAnnotations, lastDate, selected.OfType<PolicyEvent>().ToList(), money, set, origins, exchanges), missing);
    }

    private async Task<Dictionary<string, FxRates>> RatesAsync(CurrencyPlan plan, long vintage)
    {
        var symbols = plan.FxSymbols.ToArray();
        var series = vintage == PriceVintages.Latest ? await cache.GetAsync(symbols) : await vintages.SeriesAsync(vintage, symbols);
        return symbols.Zip(series).ToDictionary(x => x.First, x => new FxRates(x.Second.Dates, x.Second.Closes), StringComparer.Ordinal);
    }

    private static (int Start, int End) Range(DateOnly[] dates, DateOnly from, DateOnly to)
    {
        var start = Array.BinarySearch(dates, from);
        var end = Array.BinarySearch(dates, to);
        return (start < 0 ? ~start : start, end < 0 ? ~end : end + 1);
    }
}
