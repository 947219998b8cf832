using MarketContext.Web.Features.EventStudy.Battery;

namespace MarketContext.Web.Features.EventStudy.Aggregate;

/// <summary><see cref="Benchmarks"/> names each symbol's own benchmark when the query left it to the listings' exchanges.</summary>
public sealed record AggregateResponse(
    string Benchmark, int Pre, int Post, int Estimation, int Gap, string Returns, IReadOnlyList<AggregateSample> Samples,
    IReadOnlyDictionary<string, string>? Benchmarks = null);

/// <summary>
/// One sample: a symbol's members, or all of them (<c>pooled</c>). <see cref="ReadBmpBy"/> names the BMP variant to
/// read: the Kolari–Pynnönen one when members share a day 0 (the same news hits them together), plain BMP otherwise.
/// </summary>
public sealed record AggregateSample(
    string Name,
    int N,
    IReadOnlyList<AggregateMember> Members,
    IReadOnlyList<AggregateDay> Days,
    double? Caar,
    IReadOnlyDictionary<string, TestValue> CarTests,
    IReadOnlyList<LeftOutMember> LeftOut,
    string? Note,
    double? MeanCorrelation,
    string? ReadBmpBy);

/// <summary>A member, with its own day 0 on its listing's calendar and why.</summary>
public sealed record AggregateMember(string Symbol, string? EventId, DateOnly Date, DateOnly Day0, double Car, IReadOnlyList<MemberFlag> Flags, string? Day0Reason = null);

/// <summary>A window day: AAR, the running CAAR, the half-width of its 95% band if the events did nothing, and every daily test.</summary>
public sealed record AggregateDay(int Day, double Aar, double Caar, double? CaarBand, IReadOnlyDictionary<string, TestValue> Tests);

/// <summary>A (symbol, event) pair that could not be studied, and why.</summary>
public sealed record LeftOutMember(string Symbol, string? EventId, DateOnly? Date, string Reason);

/// <summary>
/// Something that blurs a member's reading: <c>window-overlap</c> (another member's event window shares days with this one),
/// <c>day0-in-estimation</c> (another member's day 0 falls in this one's estimation window), <c>shock-in-estimation</c> /
/// <c>shock-in-window</c> (a company-specific event of this symbol).
/// </summary>
public sealed record MemberFlag(string Kind, string? EventId, DateOnly Date);
