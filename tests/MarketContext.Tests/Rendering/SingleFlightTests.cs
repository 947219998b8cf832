using MarketContext.Web.Rendering;

namespace MarketContext.Tests.Rendering;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task Callers_asking_at_once_share_one_run_that_goes_on_while_one_of_them_stays()
    {
        var flight = new SingleFlight<string>();
        var release = new TaskCompletionSource<string>();
        var runs = 0;
        CancellationToken workToken = default;
        Task<string> Work(CancellationToken token)
        {
            runs++;
            workToken = token;
            return release.Task;
        }
        using var first = new CancellationTokenSource();

        var leaving = flight.RunAsync("view", Work, first.Token);
        var staying = flight.RunAsync("view", Work, CancellationToken.None);
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        release.SetResult("picture");

        Assert.Equal("picture", await staying);
        Assert.Equal(1, runs);
        Assert.False(workToken.IsCancellationRequested);
    }

    [Fact]
    public async Task Work_is_stopped_when_every_caller_has_gone_and_the_next_caller_starts_afresh()
    {
        var flight = new SingleFlight<string>();
        var tokens = new List<CancellationToken>();
        Task<string> Work(CancellationToken token)
        {
            tokens.Add(token);
            return Task.Delay(Timeout.Infinite, token).ContinueWith(_ => "late", TaskScheduler.Default);
        }
        using var a = new CancellationTokenSource();
        using var b = new CancellationTokenSource();

        var first = flight.RunAsync("view", Work, a.Token);
        var second = flight.RunAsync("view", Work, b.Token);
        await a.CancelAsync();
        Assert.False(tokens[0].IsCancellationRequested);
        await b.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);

        Assert.True(tokens[0].IsCancellationRequested);
        _ = flight.RunAsync("view", Work, CancellationToken.None);
        Assert.Equal(2, tokens.Count);
        Assert.False(tokens[1].IsCancellationRequested);
    }
}
