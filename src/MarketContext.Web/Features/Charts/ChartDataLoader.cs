using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Web.Features.Charts;

/// <summary>The thin edge that gathers what a chart request asks for.</summary>
public sealed class ChartDataLoader(Db db, PriceQueries prices, SeriesRoles roles, PriceSeriesCache cache, AnnotationStore annotations)
{
    private const string AnnotationsSeqSql = "select coalesce(max(seq), 0) from annotation_changes";

    /// <summary>
    /// What a chart's picture depends on besides its query: the versions of the series it shows (an import of
    /// another symbol leaves it alone), which of them is the benchmark (drawn apart), the annotations and the shipped catalogue.
    /// </summary>
    public async Task<string> VersionAsync(ChartRequest request, CancellationToken cancellationToken)
    {
        // One connection for every version a revalidation reads: the roles, the series and the annotations.
        request = await OfCompanyAsync(request, cancellationToken);
        await using var connection = await db.OpenAsync(cancellationToken);
        var (symbols, benchmark) = Symbols(request, await roles.CurrentAsync(connection));
        var versions = await cache.VersionsOf(connection, symbols);
        // A picture without annotations (the page's static layer) stays valid however many notes are written.
        var annotationsSeq = DrawsAnnotations(request) ? await connection.ExecuteScalarAsync<long>(AnnotationsSeqSql) : 0L;
        var shownBenchmark = benchmark is not null && symbols.Contains(benchmark) ? benchmark : "";
        return $"{string.Join(',', symbols.Select(s => $"{s}:{versions[s]}"))}.{shownBenchmark}.{annotationsSeq}.{EventCatalogue.Hash}";
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
        var cached = await cache.GetAsync([.. instruments.Select(i => i.Symbol)]);
        var loaded = instruments.Zip(cached).Where(x => x.Second.Dates.Length > 0)
            .ToDictionary(x => x.First.Symbol, x => (Instrument: x.First, Series: x.Second));
        var missing = symbols.Where(s => !loaded.ContainsKey(s)).ToList();
        if (request.Company is { } company && symbols.Count == 0)
        {
            missing.Add($"any listing of the company \"{company}\"");
        }

        var catalogue = EventCatalogue.All;
        var selected = request.EventIds is { Count: > 0 } ids
            ? ids.Select(id => catalogue.FirstOrDefault(e => e.Id.Equals(id, StringComparison.OrdinalIgnoreCase))).ToList()
            : [];
        missing.AddRange(request.EventIds?.Where((id, i) => selected[i] is null).Select(id => $"event {id}") ?? []);

        var series = new List<ChartSeries>();
        foreach (var (instrument, all) in symbols.Where(loaded.ContainsKey).Select(s => loaded[s]))
        {
            // A price chart shows what was quoted; comparisons use adjusted closes so dividends do not look like falls.
            var values = request.Mode == ChartMode.Price && request.View == ChartView.Time ? all.Closes : all.Values;
            var (start, end) = request.View == ChartView.Time ? all.Range(request.From, request.To) : (0, all.Dates.Length);
            series.Add(new ChartSeries(instrument.Symbol, instrument.Name, all.Dates[start..end], values[start..end], instrument.Symbol == benchmark,
                start > 0 ? values[start - 1] : null));
        }

        var shownEvents = catalogue.Where(e => e.IsDated && request.EventCategories.Contains(e.Category)).ToList();
        var shownAnnotations = DrawsAnnotations(request)
            ? await annotations.ListAsync(request.From, request.To, cancellationToken)
            : [];
        var lastDate = symbols.Where(loaded.ContainsKey).Select(s => (DateOnly?)loaded[s].Series.Dates[^1]).Max();
        // Each listing's day 0 in the event-time view comes from its own exchange's calendar.
        var exchanges = request.View == ChartView.EventTime ? (await prices.SeriesAsync(cancellationToken)).ToDictionary(s => s.Symbol, s => s.Exchange) : null;
        return (new ChartData(series, shownEvents, shownAnnotations, lastDate, selected.OfType<PolicyEvent>().ToList(), exchanges), missing);
    }
}
