using MarketContext.Web.Http;

namespace MarketContext.Tests.Http;

public sealed class DrawingLineTests
{
    private const string Alice = "user:1", Bob = "user:2";

    [Fact]
    public async Task A_signed_in_account_holds_at_most_its_share_and_the_free_slot_goes_to_someone_else()
    {
        var line = new DrawingLine(slots: 2, lineLimit: 64);

        Assert.Equal(1, line.UserShare);
        Assert.True(line.TryEnter(Alice));
        Assert.False(line.TryEnter(Alice));
        var aliceWaits = line.EnterAsync(Alice, CancellationToken.None);
        Assert.True(line.TryEnter(DrawingLine.Anonymous));

        Assert.False(aliceWaits.IsCompleted);
        line.Leave(Alice);
        Assert.True(await aliceWaits.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task When_a_slot_frees_the_account_served_longest_ago_goes_before_one_that_has_many_waiting()
    {
        var line = new DrawingLine(slots: 1, lineLimit: 64);
        Assert.True(line.TryEnter(Alice));
        var alices = Enumerable.Range(0, 5).Select(_ => line.EnterAsync(Alice, CancellationToken.None)).ToList();
        var bobs = line.EnterAsync(Bob, CancellationToken.None);

        line.Leave(Alice);
        Assert.True(await bobs.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.DoesNotContain(alices, a => a.IsCompleted);

        line.Leave(Bob);
        Assert.True(await alices[0].WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Anonymous_callers_keep_a_slot_of_their_own_while_accounts_fill_theirs_and_the_other_way_round()
    {
        var line = new DrawingLine(slots: 1, lineLimit: 64);

        Assert.True(line.TryEnter(Alice));
        Assert.False(line.TryEnter(Bob));
        Assert.True(line.TryEnter(DrawingLine.Anonymous));
        Assert.False(line.TryEnter(DrawingLine.Anonymous));

        line.Leave(Alice);
        Assert.False(line.TryEnter(DrawingLine.Anonymous));
        Assert.True(line.TryEnter(Bob));
    }

    [Fact]
    public async Task An_account_keeps_at_most_a_quarter_of_the_line_waiting_while_anonymous_callers_still_join_it()
    {
        var line = new DrawingLine(slots: 1, lineLimit: 8);
        Assert.True(line.TryEnter(Alice));
        Assert.True(line.TryEnter(DrawingLine.Anonymous));

        var alices = Enumerable.Range(0, 4).Select(_ => line.EnterAsync(Alice, CancellationToken.None)).ToList();
        var anonymous = Enumerable.Range(0, 6).Select(_ => line.EnterAsync(DrawingLine.Anonymous, CancellationToken.None)).ToList();

        Assert.Equal(2, line.UserLine);
        Assert.Equal(2, alices.Count(a => !a.IsCompleted));
        Assert.All(alices.Where(a => a.IsCompleted), a => Assert.False(a.Result));
        Assert.Equal(6, anonymous.Count(a => !a.IsCompleted));
        // The line of 8 is full: 2 of Alice's and 6 anonymous.
        Assert.False(await line.EnterAsync(DrawingLine.Anonymous, CancellationToken.None));
    }

    [Fact]
    public async Task A_caller_that_goes_away_leaves_the_line_and_the_next_one_gets_the_slot()
    {
        var line = new DrawingLine(slots: 1, lineLimit: 64);
        Assert.True(line.TryEnter(Alice));
        using var gone = new CancellationTokenSource();
        var leaving = line.EnterAsync(Bob, gone.Token);
        var staying = line.EnterAsync(DrawingLine.Anonymous, CancellationToken.None);

        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving.WaitAsync(TimeSpan.FromSeconds(5)));
        line.Leave(Alice);

        Assert.True(await staying.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
