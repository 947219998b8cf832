using System.Collections.Concurrent;

namespace MarketContext.Web.Rendering;

/// <summary>
/// Identical work asked for at once is done once: a room of viewers asking for the same picture or marks shares the
/// one under way. Only what is in flight is held; keeping results is the caller's cache.
/// </summary>
public sealed class SingleFlight<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _inFlight = new(StringComparer.Ordinal);

    public Task<T> RunAsync(string key, Func<Task<T>> work) =>
        _inFlight.GetOrAdd(key, missing => new Lazy<Task<T>>(async () =>
        {
            try
            {
                return await work();
            }
            finally
            {
                _inFlight.TryRemove(key, out _);
            }
        })).Value;
}
