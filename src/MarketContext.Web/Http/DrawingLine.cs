namespace MarketContext.Web.Http;

/// <summary>
/// The drawing slots and the line behind them, shared fairly between callers. A caller is a party: each signed-in
/// account is one, and all anonymous callers together are one (each of their addresses is rationed by the minute
/// already). Signed-in accounts together draw in at most <c>slots</c>, and so do anonymous callers, with one slot
/// more in all: whichever side fills its slots, the other still has one of its own. A signed-in party holds at
/// most <see cref="UserShare"/> slots at once and keeps at most <see cref="UserLine"/> requests waiting; when a slot
/// frees, it goes to the waiting party that holds the fewest and was served longest ago, so one account looping
/// renders cannot keep the others' pictures waiting behind its own.
/// </summary>
public sealed class DrawingLine(int slots, int lineLimit)
{
    public const string Anonymous = "anonymous";

    private sealed class Party
    {
        public readonly LinkedList<TaskCompletionSource> Waiting = new();
        public int Held;
        public long LastServed;
    }

    private readonly Dictionary<string, Party> _parties = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _anonymousHeld, _signedInHeld, _waiting;
    private long _turn;

    public int Slots => slots;

    /// <summary>Slots one signed-in account may hold at once: half of them, at least one.</summary>
    public int UserShare => Math.Max(1, (slots + 1) / 2);

    /// <summary>Requests one signed-in account may keep waiting: a quarter of the line, at least one.</summary>
    public int UserLine => Math.Max(1, lineLimit / 4);

    /// <summary>A slot for <paramref name="party"/> if one is free for it now, without waiting.</summary>
    public bool TryEnter(string party)
    {
        lock (_lock)
        {
            var caller = PartyOf(party);
            if (MayDraw(party, caller))
            {
                Grant(party, caller);
                return true;
            }
            ForgetIfIdle(party, caller);
            return false;
        }
    }

    /// <summary>
    /// A slot for <paramref name="party"/>: true when held (give it back with <see cref="Leave"/>), false at once
    /// when the line, or the party's own part of it, is full. Cancelling the token leaves the line.
    /// </summary>
    public async Task<bool> EnterAsync(string party, CancellationToken cancellationToken)
    {
        TaskCompletionSource turn;
        LinkedListNode<TaskCompletionSource> place;
        lock (_lock)
        {
            var caller = PartyOf(party);
            // A waiting caller with a slot free is one held back by its share: whoever is under theirs goes ahead.
            if (MayDraw(party, caller))
            {
                Grant(party, caller);
                return true;
            }
            if (_waiting >= lineLimit || (party != Anonymous && caller.Waiting.Count >= UserLine))
            {
                ForgetIfIdle(party, caller);
                return false;
            }
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            place = caller.Waiting.AddLast(turn);
            _waiting++;
        }
        await using (cancellationToken.Register(() => Abandon(party, place)))
        {
            await turn.Task;
        }
        return true;
    }

    /// <summary>Gives a slot back; the next turn goes to the fairest waiting party.</summary>
    public void Leave(string party)
    {
        lock (_lock)
        {
            var caller = PartyOf(party);
            caller.Held--;
            if (party == Anonymous)
            {
                _anonymousHeld--;
            }
            else
            {
                _signedInHeld--;
            }
            ForgetIfIdle(party, caller);
            while (Next() is { } next)
            {
                var turn = next.Party.Waiting.First!.Value;
                next.Party.Waiting.RemoveFirst();
                _waiting--;
                Grant(next.Name, next.Party);
                turn.SetResult();
            }
        }
    }

    private void Abandon(string party, LinkedListNode<TaskCompletionSource> place)
    {
        lock (_lock)
        {
            // Already given its turn: the caller holds the slot and gives it back itself.
            if (place.List is null)
            {
                return;
            }
            var caller = PartyOf(party);
            caller.Waiting.Remove(place);
            _waiting--;
            ForgetIfIdle(party, caller);
        }
        place.Value.TrySetCanceled();
    }

    private (string Name, Party Party)? Next()
    {
        (string Name, Party Party)? best = null;
        foreach (var (name, party) in _parties)
        {
            if (party.Waiting.Count > 0 && MayDraw(name, party)
                && (best is not { } b || party.Held < b.Party.Held || party.Held == b.Party.Held && party.LastServed < b.Party.LastServed))
            {
                best = (name, party);
            }
        }
        return best;
    }

    private bool MayDraw(string name, Party party) =>
        _anonymousHeld + _signedInHeld < slots + 1
        && (name == Anonymous ? _anonymousHeld < slots : _signedInHeld < slots && party.Held < UserShare);

    private void Grant(string name, Party party)
    {
        party.Held++;
        party.LastServed = ++_turn;
        if (name == Anonymous)
        {
            _anonymousHeld++;
        }
        else
        {
            _signedInHeld++;
        }
    }

    private Party PartyOf(string name)
    {
        if (!_parties.TryGetValue(name, out var party))
        {
            _parties[name] = party = new Party();
        }
        return party;
    }

    // Memory grows with the callers drawing or waiting now, not with every caller there has been.
    private void ForgetIfIdle(string name, Party party)
    {
        if (party.Held == 0 && party.Waiting.Count == 0)
        {
            _parties.Remove(name);
        }
    }
}
