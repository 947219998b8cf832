using System.Diagnostics.CodeAnalysis;

namespace MarketContext.Web.Features.EventStudy;

/// <summary>One event-window day; Day is relative to day 0 and Car is the running sum of Abnormal from −Pre.</summary>
public sealed record EventStudyRow(
    int Day,
    DateOnly Date,
    double Return,
    double BenchmarkReturn,
    double Expected,
    double Abnormal,
    double Car,
    double? FxReturn = null);

public sealed record EventStudyResult(
    DateOnly Day0,
    double Alpha,
    double Beta,
    double Sigma,
    int EstimationDays,
    IReadOnlyList<EventStudyRow> Rows,
    double Car,
    double TStat,
    double PValue,
    double? Gamma = null);

/// <summary>Either a computed <see cref="EventStudyResult"/> or a message saying what data is missing.</summary>
public sealed record EventStudyOutcome
{
    private EventStudyOutcome(EventStudyResult? result, string? missing)
    {
        Result = result;
        Missing = missing;
    }

    public EventStudyResult? Result { get; }

    public string? Missing { get; }

    [MemberNotNullWhen(true, nameof(Result))]
    [MemberNotNullWhen(false, nameof(Missing))]
    public bool HasResult => Result is not null;

    public static EventStudyOutcome Computed(EventStudyResult result) =>
        new(result ?? throw new ArgumentNullException(nameof(result)), null);

    public static EventStudyOutcome NotComputed(string missing) =>
        new(null, string.IsNullOrWhiteSpace(missing) ? throw new ArgumentException("A reason is required.", nameof(missing)) : missing);
}
