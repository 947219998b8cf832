namespace MarketContext.Web.Features.Prices.Currencies;

/// <summary>
/// One step of a conversion: a stored FX series and which way its closes are read. <c>USDSEK=X</c> is SEK per USD,
/// so USD→SEK multiplies by its close and SEK→USD divides by it.
/// </summary>
public sealed record FxLeg(string Symbol, string From, string To, bool Divide)
{
    public double Apply(double value, double rate) => Divide ? value / rate : value * rate;
}

/// <summary>
/// How one currency becomes another with the FX series that are stored: a pair in either direction, or, when no pair
/// joins the two, across USD (SEK→EUR by USDSEK=X and EURUSD=X). Symbols are Yahoo's: <c>BASEQUOTE=X</c> is quote
/// per base; <c>QUOTE=X</c> is quote per USD.
/// </summary>
public sealed record FxRoute(string From, string To, IReadOnlyList<FxLeg> Legs)
{
    public const string Usd = "USD";

    /// <summary>The FX symbols whose closes the route reads, in order, joined for a caption: "USDSEK=X and EURUSD=X".</summary>
    public string Rates => string.Join(" and ", Legs.Select(l => l.Symbol));

    /// <summary>Every symbol that could serve a conversion from <paramref name="from"/> to <paramref name="to"/>, directly or across USD.</summary>
    public static IEnumerable<string> Candidates(string from, string to) =>
        from == to ? [] : [.. Direct(from, to).Select(l => l.Symbol), .. Direct(from, Usd).Select(l => l.Symbol), .. Direct(Usd, to).Select(l => l.Symbol)];

    /// <summary>The route through the stored series (<paramref name="isStored"/>), a direct pair first; null when none joins the two.</summary>
    public static FxRoute? Find(string from, string to, Func<string, bool> isStored)
    {
        if (from == to)
        {
            return new FxRoute(from, to, []);
        }
        if (Direct(from, to).FirstOrDefault(l => isStored(l.Symbol)) is { } direct)
        {
            return new FxRoute(from, to, [direct]);
        }
        if (from == Usd || to == Usd)
        {
            return null;
        }
        var toUsd = Direct(from, Usd).FirstOrDefault(l => isStored(l.Symbol));
        var fromUsd = Direct(Usd, to).FirstOrDefault(l => isStored(l.Symbol));
        return toUsd is not null && fromUsd is not null ? new FxRoute(from, to, [toUsd, fromUsd]) : null;
    }

    /// <summary>What to import so that <paramref name="from"/> converts to <paramref name="to"/>, in the market's spelling of each pair.</summary>
    public static string Missing(string from, string to, Func<string, bool> isStored)
    {
        var pair = Conventional(from, to);
        if (from == Usd || to == Usd)
        {
            return pair;
        }
        var legs = new[] { Conventional(from, Usd), Conventional(Usd, to) };
        var stored = legs.Where(isStored).ToList();
        var lacking = legs.Where(l => !isStored(l)).ToList();
        var across = stored.Count > 0
            ? $"{string.Join(" and ", lacking)} to cross through USD with the stored {string.Join(" and ", stored)}"
            : $"{string.Join(" and ", lacking)} to cross through USD";
        return $"{pair}, or {across}";
    }

    /// <summary>The legs that convert directly, as Yahoo spells the pair either way round, plus its short USD form (<c>SEK=X</c>).</summary>
    private static IEnumerable<FxLeg> Direct(string from, string to)
    {
        yield return new FxLeg($"{from}{to}=X", from, to, Divide: false);
        yield return new FxLeg($"{to}{from}=X", from, to, Divide: true);
        if (from == Usd)
        {
            yield return new FxLeg($"{to}=X", from, to, Divide: false);
        }
        if (to == Usd)
        {
            yield return new FxLeg($"{from}=X", from, to, Divide: true);
        }
    }

    // The market quotes a pair with the senior currency as base: EURUSD, GBPUSD, USDSEK, EURSEK.
    private static readonly string[] Seniority = ["EUR", "GBP", "AUD", "NZD", "USD", "CAD", "CHF"];

    private static string Conventional(string a, string b)
    {
        var (rankA, rankB) = (Rank(a), Rank(b));
        return rankB < rankA ? $"{b}{a}=X" : $"{a}{b}=X";
    }

    private static int Rank(string currency) => Array.IndexOf(Seniority, currency) is var i and >= 0 ? i : Seniority.Length;
}
