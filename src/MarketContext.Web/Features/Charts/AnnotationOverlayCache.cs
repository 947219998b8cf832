using MarketContext.Web.Rendering;
using Microsoft.Extensions.Caching.Memory;

namespace MarketContext.Web.Features.Charts;

/// <summary>The annotation marks of one view at one annotation seq: what every viewer of that view draws over its picture.</summary>
public sealed record AnnotationOverlayAnswer(long Seq, int Width, int Height, PixelBox DataRect, IReadOnlyList<AnnotationMark> Marks);

/// <summary>
/// A room of viewers costs one placement per (view, seq): a live change makes every open page ask at once, so identical
/// questions share the one under way (single flight) and the answers are kept, a bounded number, least used out first.
/// </summary>
public sealed class AnnotationOverlayCache : IDisposable
{
    private const int MaxEntries = 512;
    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private readonly SingleFlight<AnnotationOverlayAnswer?> _inFlight = new();
    private long _placements;

    /// <summary>Placements computed since the process began: single flight and the cache keep this at one per (view, seq).</summary>
    public long Placements => Interlocked.Read(ref _placements);

    public async Task<AnnotationOverlayAnswer?> GetOrPlaceAsync(string key, Func<Task<AnnotationOverlayAnswer?>> place)
    {
        if (_answers.TryGetValue(key, out AnnotationOverlayAnswer? cached))
        {
            return cached;
        }
        return await _inFlight.RunAsync(key, async () =>
        {
            Interlocked.Increment(ref _placements);
            var answer = await place();
            if (answer is not null)
            {
                _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = 1 });
            }
            return answer;
        });
    }

    public void Dispose() => _answers.Dispose();
}
