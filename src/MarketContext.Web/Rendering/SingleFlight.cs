namespace MarketContext.Web.Rendering;

/// <summary>
/// Identical work asked for at once is done once: a room of viewers asking for the same picture or marks shares the
/// one under way. Only what is in flight is held; keeping results is the caller's cache. The work is stopped when
/// every caller that asked for it has gone: a picture nobody waits for any more is not drawn.
/// </summary>
public sealed class SingleFlight<T>
{
    private sealed class Flight
    {
        public readonly TaskCompletionSource<T> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly CancellationTokenSource Stop = new();
        public int Waiting;
    }

    private readonly Dictionary<string, Flight> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Work that runs to the end whoever leaves: a push to watchers, a placement shared by every viewer.</summary>
    public Task<T> RunAsync(string key, Func<Task<T>> work) => RunAsync(key, _ => work(), CancellationToken.None);

    /// <summary>
    /// Joins the work under way for <paramref name="key"/> or starts it. <paramref name="work"/>'s token is cancelled
    /// once every caller waiting for it has had its own <paramref name="cancellationToken"/> cancelled.
    /// </summary>
    public async Task<T> RunAsync(string key, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        Flight? flight, started = null;
        lock (_lock)
        {
            if (!_inFlight.TryGetValue(key, out flight))
            {
                flight = started = new Flight();
                _inFlight[key] = flight;
            }
            flight.Waiting++;
        }
        if (started is not null)
        {
            _ = FlyAsync(key, started, work);
        }
        try
        {
            return await flight.Done.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Leave(key, flight);
            throw;
        }
    }

    private async Task FlyAsync(string key, Flight flight, Func<CancellationToken, Task<T>> work)
    {
        try
        {
            flight.Done.TrySetResult(await work(flight.Stop.Token));
        }
        catch (OperationCanceledException) when (flight.Stop.IsCancellationRequested)
        {
            flight.Done.TrySetCanceled(flight.Stop.Token);
        }
        catch (Exception e)
        {
            flight.Done.TrySetException(e);
        }
        finally
        {
            Forget(key, flight);
        }
    }

    private void Leave(string key, Flight flight)
    {
        bool nobodyWaits;
        lock (_lock)
        {
            nobodyWaits = --flight.Waiting == 0 && !flight.Done.Task.IsCompleted;
            if (nobodyWaits)
            {
                // Whoever asks next starts afresh rather than joining work that is being stopped.
                ForgetLocked(key, flight);
            }
        }
        if (nobodyWaits)
        {
            flight.Stop.Cancel();
        }
    }

    private void Forget(string key, Flight flight)
    {
        lock (_lock)
        {
            ForgetLocked(key, flight);
        }
    }

    private void ForgetLocked(string key, Flight flight)
    {
        if (_inFlight.TryGetValue(key, out var current) && ReferenceEquals(current, flight))
        {
            _inFlight.Remove(key);
        }
    }
}
