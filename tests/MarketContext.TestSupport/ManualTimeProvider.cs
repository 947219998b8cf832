namespace MarketContext.TestSupport;

/// <summary>
/// The real clock moved on by hand: a test skips hours in an instant instead of sleeping through them. Only the
/// readings move (wall clock and timestamps alike); timers keep real time, so nothing in the host waits on the test.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override long GetTimestamp() =>
        System.GetTimestamp() + (long)(Offset.Ticks * (double)System.TimestampFrequency / TimeSpan.TicksPerSecond);
}
