namespace MarketContext.Web.Features.EventStudy;

/// <summary>
/// One event study as asked (from a validated <see cref="StudyQuery"/>). Unless <paramref name="BenchmarkAsked"/>,
/// <paramref name="Benchmark"/> is the stored one, and the listing's exchange may name its own.
/// </summary>
/// <remarks><paramref name="AsOf"/>: the price vintage the study reads the prices at; null for the prices as they are now.</remarks>
public sealed record EventStudyQuery(string Symbol, string Benchmark, string? EventId, DateOnly? Date, EventStudyParameters Parameters, bool BenchmarkAsked = true,
    long? AsOf = null);
