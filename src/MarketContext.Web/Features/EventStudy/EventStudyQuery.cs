namespace MarketContext.Web.Features.EventStudy;

/// <summary>
/// One event study as asked (from a validated <see cref="StudyQuery"/>). Unless <paramref name="BenchmarkAsked"/>,
/// <paramref name="Benchmark"/> is the stored one, and the listing's exchange may name its own.
/// </summary>
public sealed record EventStudyQuery(string Symbol, string Benchmark, string? EventId, DateOnly? Date, EventStudyParameters Parameters, bool BenchmarkAsked = true);
