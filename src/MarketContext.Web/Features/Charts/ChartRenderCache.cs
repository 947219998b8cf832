using MarketContext.Web.Rendering;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Charts;

/// <summary>One render of a view: the PNG and the layout that came out of it, or why it could not be drawn.</summary>
public sealed record RenderedChart(byte[] Png, ChartLayout Layout, string? Missing = null)
{
    public IReadOnlyList<string> Symbols { get; init; } = [];

    public IReadOnlyList<string> EventIds { get; init; } = [];

    /// <summary>What the entry holds in memory, near enough: the picture, plus a little per marker for the layout.</summary>
    public long Bytes => Png.Length + 512 + Layout.Markers.Count * 96L;
}

/// <summary>
/// Many viewers of one chart cost one render: identical views asked at once share the render under way (single
/// flight), and finished ones are kept, least recently used first out, within a byte budget. A key names exactly
/// what the picture depends on (its query and the data versions of its ETag), so a change of data is a new key
/// and old entries simply age out.
/// </summary>
public sealed class ChartRenderCache(IOptions<MarketContextOptions> options)
{
    private readonly SingleFlight<RenderedChart> _inFlight = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, RenderedChart Chart)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, RenderedChart Chart)> _recency = new();
    private readonly Lock _lock = new();
    private long _bytes;
    private long _renders;

    public long BudgetBytes => options.Value.ChartCacheBytes;

    /// <summary>Renders started since the process began: what single flight and the cache save shows here.</summary>
    public long Renders => Interlocked.Read(ref _renders);

    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>A render nobody waits for any more is stopped: its token is cancelled once every caller's is.</summary>
    public async Task<RenderedChart> GetOrRenderAsync(string key, Func<CancellationToken, Task<RenderedChart>> render, CancellationToken cancellationToken)
    {
        if (TryGet(key) is { } cached)
        {
            return cached;
        }
        return await _inFlight.RunAsync(key, async stop =>
        {
            Interlocked.Increment(ref _renders);
            var chart = await render(stop);
            if (chart.Missing is null)
            {
                Store(key, chart);
            }
            return chart;
        }, cancellationToken);
    }

    private RenderedChart? TryGet(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return null;
            }
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Chart;
        }
    }

    private void Store(string key, RenderedChart chart)
    {
        var size = chart.Bytes;
        lock (_lock)
        {
            // A picture larger than the whole budget is served, never kept: it would evict everything else for one view.
            if (size > BudgetBytes || _entries.ContainsKey(key))
            {
                return;
            }
            _entries[key] = _recency.AddFirst((key, chart));
            _bytes += size;
            while (_bytes > BudgetBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Chart.Bytes;
            }
        }
    }
}
