using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Telemetry;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Prices;

/// <summary>A whole series in columns: the dates, the quoted closes, and the adjusted closes (the close where none).</summary>
public sealed record CachedSeries(DateOnly[] Dates, double[] Closes, double[] Values)
{
    /// <summary>What one day costs in memory: a date (4 bytes), two doubles (16) and a point of date and value (16).</summary>
    public const int BytesPerRow = 36;

    public static readonly CachedSeries Empty = new([], [], []);

    public PricePoint[] Points { get; } = [.. Dates.Select((d, i) => new PricePoint(d, Values[i]))];

    /// <summary>The memory the series holds, arrays' headers included.</summary>
    public long Bytes => 4L * 24 + (long)Dates.Length * BytesPerRow;

    /// <summary>The index range [start, end) of the days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public (int Start, int End) Range(DateOnly from, DateOnly to)
    {
        var start = Array.BinarySearch(Dates, from);
        var end = Array.BinarySearch(Dates, to);
        return (start < 0 ? ~start : start, end < 0 ? ~end : end + 1);
    }
}

/// <summary>
/// Whole series kept in memory for the readers that go over every day many times: charts and event studies.
/// Only the series asked for are read. Each is held with the version of its symbol's figures, which every import
/// bumps in its own transaction (here, in another process, or on another instance): one small query per request
/// tells which held series are stale, and only those are read again. The series together stay within
/// <c>MarketContext:SeriesCacheBytes</c>; the least recently used go first.
/// </summary>
public sealed class PriceSeriesCache(Db db, IOptions<MarketContextOptions> options, MarketContextMetrics metrics)
{
    private const string SeriesSql = """
        select date, close, coalesce(adj_close, close) as Value
        from prices where symbol = @symbol and date >= @earliest
        order by date
        """;

    private const string VersionsSql = "select symbol, version from instrument_figures where symbol in @symbols";

    private sealed class Entry(long version, Lazy<Task<CachedSeries>> series)
    {
        public long Version { get; } = version;
        public Lazy<Task<CachedSeries>> Series { get; } = series;
        public long LastUsed;
        public long Bytes;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _loads = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();
    private long _clock;
    private long _bytes;
    private long _evictions;

    /// <summary>How many times the series of this symbol has been read from the database.</summary>
    public long LoadsOf(string symbol) => _loads.GetValueOrDefault(symbol.ToUpperInvariant());

    /// <summary>Reads from the database of every symbol, by symbol.</summary>
    public IReadOnlyDictionary<string, long> Loads => new Dictionary<string, long>(_loads, StringComparer.Ordinal);

    /// <summary>Series dropped to stay within the budget.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>The memory the held series take.</summary>
    public long BytesHeld => Interlocked.Read(ref _bytes);

    public long BudgetBytes => options.Value.SeriesCacheBytes;

    /// <summary>The symbols whose series are in memory now.</summary>
    public IReadOnlyCollection<string> Held => [.. _entries.Where(e => e.Value.Series.IsValueCreated && e.Value.Series.Value.IsCompletedSuccessfully).Select(e => e.Key)];

    /// <summary>The stored version of each symbol's prices (0 for a symbol with none), from one query.</summary>
    public async Task<IReadOnlyDictionary<string, long>> VersionsOf(IReadOnlyCollection<string> symbols, CancellationToken cancellationToken = default)
    {
        if (symbols.Count == 0)
        {
            return new Dictionary<string, long>(StringComparer.Ordinal);
        }
        await using var connection = await db.OpenAsync(cancellationToken);
        return await VersionsOf(connection, symbols);
    }

    /// <summary>The same, on a connection the caller has open for other reads too.</summary>
    public async Task<IReadOnlyDictionary<string, long>> VersionsOf(DbConnection connection, IReadOnlyCollection<string> symbols)
    {
        var upper = symbols.Select(s => s.ToUpperInvariant()).Distinct().ToArray();
        var versions = upper.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
        if (upper.Length == 0)
        {
            return versions;
        }
        foreach (var (symbol, version) in await connection.QueryAsync<(string Symbol, long Version)>(db.Dialect.WithListParameters(VersionsSql), new { symbols = upper }))
        {
            versions[symbol] = version;
        }
        return versions;
    }

    /// <summary>The series of these symbols (empty for a symbol without prices), each as stored now.</summary>
    public async Task<CachedSeries[]> GetAsync(params string[] symbols)
    {
        var versions = await VersionsOf(symbols);
        // Every read is started before any is awaited: the series of one request load side by side.
        var entries = new Entry?[symbols.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            var symbol = symbols[i].ToUpperInvariant();
            var version = versions[symbol];
            if (version == 0)
            {
                continue;
            }
            // A held series at least as new as the version read is current (another request may have read a newer one).
            var hit = true;
            var entry = _entries.AddOrUpdate(symbol,
                s => { hit = false; return NewEntry(s, version); },
                (s, held) =>
                {
                    if (held.Version >= version)
                    {
                        return held;
                    }
                    hit = false;
                    return NewEntry(s, version, replaced: held);
                });
            metrics.SeriesLookedUp(hit);
            entry.LastUsed = Interlocked.Increment(ref _clock);
            _ = entry.Series.Value;
            entries[i] = entry;
        }
        var series = new CachedSeries[symbols.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            if (entries[i] is not { } entry)
            {
                series[i] = CachedSeries.Empty;
                continue;
            }
            try
            {
                series[i] = await entry.Series.Value;
            }
            catch
            {
                // A failed read is not kept: the next request tries again.
                _entries.TryRemove(new KeyValuePair<string, Entry>(symbols[i].ToUpperInvariant(), entry));
                throw;
            }
        }
        EvictBeyondBudget(keep: series);
        metrics.SeriesCacheHolds(BytesHeld);
        return series;
    }

    /// <summary>Drops the symbol's series at once (an import here changed it); the version check would catch it on the next read anyway.</summary>
    public void Invalidate(string symbol)
    {
        if (_entries.TryRemove(symbol.ToUpperInvariant(), out var entry))
        {
            Interlocked.Add(ref _bytes, -Interlocked.Exchange(ref entry.Bytes, 0));
        }
    }

    private Entry NewEntry(string symbol, long version, Entry? replaced = null)
    {
        if (replaced is not null)
        {
            Interlocked.Add(ref _bytes, -Interlocked.Exchange(ref replaced.Bytes, 0));
        }
        Entry? entry = null;
        entry = new Entry(version, new Lazy<Task<CachedSeries>>(async () =>
        {
            // On a thread of its own: SQLite's async calls run synchronously, and the series of a request load side by side.
            var series = await Task.Run(() => LoadAsync(symbol));
            entry!.Bytes = series.Bytes;
            Interlocked.Add(ref _bytes, series.Bytes);
            if (!_entries.TryGetValue(symbol, out var current) || current != entry)
            {
                // Replaced or dropped while it was being read: it no longer counts.
                Interlocked.Add(ref _bytes, -Interlocked.Exchange(ref entry.Bytes, 0));
            }
            return series;
        }));
        return entry;
    }

    /// <summary>Least recently used out until the held series fit; never the ones this request is about to use.</summary>
    private void EvictBeyondBudget(CachedSeries[] keep)
    {
        if (BytesHeld <= BudgetBytes)
        {
            return;
        }
        lock (_evicting)
        {
            while (BytesHeld > BudgetBytes)
            {
                var oldest = _entries
                    .Where(e => e.Value.Bytes > 0 && e.Value.Series.IsValueCreated && e.Value.Series.Value.IsCompletedSuccessfully
                        && !keep.Any(k => ReferenceEquals(k, e.Value.Series.Value.Result)))
                    .MinBy(e => e.Value.LastUsed);
                if (oldest.Value is null)
                {
                    return;
                }
                if (_entries.TryRemove(oldest))
                {
                    Interlocked.Add(ref _bytes, -Interlocked.Exchange(ref oldest.Value.Bytes, 0));
                    Interlocked.Increment(ref _evictions);
                }
            }
        }
    }

    private async Task<CachedSeries> LoadAsync(string symbol)
    {
        _loads.AddOrUpdate(symbol, 1, (_, n) => n + 1);
        await using var connection = await db.OpenAsync();
        var rows = (await connection.QueryAsync<(DateOnly Date, double Close, double Value)>(SeriesSql, new { symbol, earliest = PriceBar.EarliestDate })).AsList();
        var dates = new DateOnly[rows.Count];
        var closes = new double[rows.Count];
        var values = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            dates[i] = rows[i].Date;
            closes[i] = rows[i].Close;
            values[i] = rows[i].Value;
        }
        return new CachedSeries(dates, closes, values);
    }
}
