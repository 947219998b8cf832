namespace MarketContext.Web.Features.EventStudy;

/// <summary>One event study as asked (from a validated <see cref="StudyQuery"/>).</summary>
/// <remarks><paramref name="AsOf"/>: the price vintage the study reads the prices at; null for the prices as they are now.</remarks>
public sealed record EventStudyQuery(string Symbol, string Benchmark, string? EventId, DateOnly? Date, EventStudyParameters Parameters, long? AsOf = null);
