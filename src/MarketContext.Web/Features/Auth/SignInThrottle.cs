using System.Collections.Concurrent;

namespace MarketContext.Web.Features.Auth;

/// <summary>
/// Wrong passwords counted per account name, whichever addresses they come from: after
/// <see cref="FreeFailures"/> in a row the account takes no guess for 1 s, then 2 s, 4 s … up to
/// <see cref="LongestWait"/>; a right password resets the count. Unknown names are counted alike, so the
/// answer never tells which names exist. Counted in this instance's memory.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    // Beyond this many names, those whose wait has passed are forgotten first: a flood of names cannot grow memory.
    private const int MaxNames = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the account must wait before its next guess, or null when it may try now.</summary>
    public TimeSpan? WaitFor(string name)
    {
        if (!_failures.TryGetValue(Key(name), out var failures))
        {
            return null;
        }
        var wait = failures.Until - clock.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string name)
    {
        if (_failures.Count >= MaxNames)
        {
            var now = clock.GetUtcNow();
            foreach (var (key, stale) in _failures.Where(f => f.Value.Until <= now - LongestWait))
            {
                _failures.TryRemove(KeyValuePair.Create(key, stale));
            }
        }
        _failures.AddOrUpdate(Key(name), _ => new Failures(1, clock.GetUtcNow()), (_, f) => Next(f.Count + 1));
    }

    public void Succeeded(string name) => _failures.TryRemove(Key(name), out _);

    private Failures Next(int count)
    {
        var over = count - FreeFailures;
        var wait = over <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(LongestWait.TotalSeconds, Math.Pow(2, Math.Min(over - 1, 20))));
        return new Failures(count, clock.GetUtcNow() + wait);
    }

    private static string Key(string name) => name.Trim().ToUpperInvariant();

    private sealed record Failures(int Count, DateTimeOffset Until);
}
