using MarketContext.Web.Features.Calendars;
using MarketContext.Web.Features.Events;
using MarketContext.Web.Features.EventStudy.Battery;

namespace MarketContext.Web.Features.EventStudy.Aggregate;

/// <summary>
/// An event day to study: a catalogue event's reaction day, or a date given directly; with the event's moment, each
/// listing maps it to its own day 0.
/// </summary>
public sealed record StudyTarget(string? EventId, DateOnly Date, EventMoment? Moment = null);

/// <summary>
/// Builds the members (each with its own day 0 and market model, exactly as the single study) and runs the battery
/// on each sample: one per symbol, and <c>pooled</c> when there are several. Pure: returns and catalogue in, answer out.
/// The token is checked per member and per window day: a study its caller abandoned stops within one step.
/// </summary>
public static class AggregateCalculator
{
    public const string Pooled = "pooled";

    private sealed record Computed(MemberSpan Span, MemberStatistics Statistics, string? Day0Reason);

    public static AggregateResponse Run(
        IReadOnlyList<SymbolReturns> series,
        IReadOnlyList<StudyTarget> targets,
        IReadOnlyList<LeftOutMember> leftOutAlready,
        string benchmark,
        EventStudyParameters parameters,
        IReadOnlyList<PolicyEvent> catalogue,
        IReadOnlyList<StudyListing>? listings = null,
        CancellationToken cancellationToken = default)
    {
        var computed = new List<Computed>();
        var leftOut = new List<LeftOutMember>(leftOutAlready);
        foreach (var (index, (symbol, returns, missing)) in series.Index())
        {
            var listing = listings?[index];
            foreach (var target in targets)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (returns is null)
                {
                    leftOut.Add(new LeftOutMember(symbol, target.EventId, target.Date, missing ?? $"No prices are loaded for {symbol}."));
                    continue;
                }
                var (member, reason) = Member(returns, target, symbol, listing?.Benchmark ?? benchmark, parameters, listing);
                if (member is null)
                {
                    leftOut.Add(new LeftOutMember(symbol, target.EventId, target.Date, reason!));
                    continue;
                }
                computed.Add(member);
            }
        }

        var spans = computed.Select(c => c.Span).OrderBy(s => s.Day0).ToList();
        // Each listing's shocks on its own day 0: a Stockholm listing's window counts Stockholm sessions.
        var shocks = series.Select((s, i) => (s.Symbol, Listing: listings?[i])).DistinctBy(x => x.Symbol).ToDictionary(x => x.Symbol,
            x => MemberFlags.Shocks(catalogue, x.Listing is { } listing
                ? Confounders.OnListing(listing, parameters.CloseShiftMinutes)
                : moment => DayZeros.ForListing(moment, null, parameters.CloseShiftMinutes).Day0));
        var flags = new Dictionary<MemberSpan, IReadOnlyList<MemberFlag>>();
        foreach (var member in computed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            flags[member.Span] = MemberFlags.For(member.Span, spans, shocks[member.Span.Symbol]);
        }
        var samples = new List<AggregateSample>();
        foreach (var symbol in series.Select(s => s.Symbol))
        {
            samples.Add(Sample(symbol, [.. computed.Where(c => c.Span.Symbol == symbol)], [.. leftOut.Where(l => l.Symbol == symbol)], flags, parameters, cancellationToken));
        }
        if (series.Count > 1)
        {
            samples.Add(Sample(Pooled, [.. computed.OrderBy(c => c.Span.Day0).ThenBy(c => c.Span.Symbol, StringComparer.Ordinal)], leftOut, flags, parameters, cancellationToken));
        }
        return new AggregateResponse(benchmark, parameters.Pre, parameters.Post, parameters.Estimation, parameters.Gap,
            parameters.Returns.ToString().ToLowerInvariant(), samples, listings?.ToDictionary(l => l.Symbol, l => l.Benchmark));
    }

    private static (Computed? Member, string? Reason) Member(ReturnSeries returns, StudyTarget target, string symbol, string benchmark, EventStudyParameters parameters, StudyListing? listing)
    {
        var zero = listing?.DayZero(target.Moment ?? EventMoment.OnDay(target.Date), parameters.CloseShiftMinutes);
        var outcome = listing is null
            ? EventStudyCalculator.Run(returns, target.Date, parameters, symbol, benchmark)
            : EventStudyService.Run(returns, zero!, listing, parameters).Outcome;
        if (!outcome.HasResult)
        {
            return (null, outcome.Missing);
        }
        var (alpha, beta, gamma) = (outcome.Result.Alpha, outcome.Result.Beta, outcome.Result.Gamma ?? 0);
        var day0 = returns.IndexOnOrAfter(outcome.Result.Day0);
        var fx = returns.FxReturns;
        var (t, gap, pre) = (parameters.Estimation, parameters.Gap, parameters.Pre);
        var estimationStart = day0 - gap - t;
        var stock = returns.StockReturns;
        var market = returns.BenchmarkReturns;
        var dates = returns.Dates;

        var estimationAbnormal = new double[t];
        for (var k = 0; k < t; k++)
        {
            var i = estimationStart + k;
            estimationAbnormal[k] = stock[i] - alpha - beta * market[i] - (returns.HasFx ? gamma * fx[i] : 0);
        }
        var window = parameters.EventWindowLength;
        var windowAbnormal = new double[window];
        for (var k = 0; k < window; k++)
        {
            windowAbnormal[k] = outcome.Result.Rows[k].Abnormal;
        }
        var member = new BatteryMember(
            estimationAbnormal,
            market.Slice(estimationStart, t).ToArray(),
            windowAbnormal,
            market.Slice(day0 - pre, window).ToArray(),
            dates.Slice(estimationStart, t).ToArray());
        var span = new MemberSpan(symbol, target.EventId, target.Date, dates[day0],
            dates[day0 - pre], dates[day0 + parameters.Post], dates[estimationStart], dates[estimationStart + t - 1]);
        return (new Computed(span, new MemberStatistics(member), zero?.Reason), null);
    }

    private static AggregateSample Sample(
        string name, List<Computed> members, List<LeftOutMember> leftOut,
        Dictionary<MemberSpan, IReadOnlyList<MemberFlag>> flags, EventStudyParameters parameters, CancellationToken cancellationToken)
    {
        var listed = members.Select(m => new AggregateMember(m.Span.Symbol, m.Span.EventId, m.Span.Date, m.Span.Day0, m.Statistics.Car, flags[m.Span], m.Day0Reason)).ToList();
        if (members.Count == 0)
        {
            return new AggregateSample(name, 0, [], [], null, new Dictionary<string, TestValue>(), leftOut,
                "No member has enough data, so nothing can be tested; see leftOut for why.", null, null);
        }
        var result = TestBattery.Run([.. members.Select(m => m.Statistics)], parameters.Pre, cancellationToken);
        var crossSectional = members.Count >= 2;
        IReadOnlyDictionary<string, TestValue> Shown(IReadOnlyDictionary<string, TestValue> tests) =>
            crossSectional ? tests : tests.Where(t => !TestNames.CrossSectional.Contains(t.Key)).ToDictionary();

        // Under H0 a CAAR of k days spreads like the estimation window's AAR times √k (Brown & Warner 1985).
        var critical = StudentT.InverseCdf(0.975, parameters.Estimation - 1);
        var days = result.Days.Select((d, k) => new AggregateDay(d.Day, d.Aar, d.Caar,
            double.IsFinite(result.AarSd) ? critical * result.AarSd * Math.Sqrt(k + 1) : null, Shown(d.Tests))).ToList();
        var clustered = members.GroupBy(m => m.Span.Day0).Any(g => g.Count() > 1);
        var note = crossSectional ? null
            : $"One member only: {string.Join(", ", TestNames.CrossSectional)} need the spread across at least 2 members, so they are not reported.";
        return new AggregateSample(name, members.Count, listed, days, result.Caar, Shown(result.CarTests), leftOut, note,
            double.IsFinite(result.MeanCorrelation) ? result.MeanCorrelation : null,
            crossSectional ? (clustered ? TestNames.BmpKolariPynnonen : TestNames.Bmp) : null);
    }
}
