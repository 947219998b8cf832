namespace MarketContext.Web.Features.EventStudy;

/// <summary>One event study as asked (from a validated <see cref="StudyQuery"/>).</summary>
public sealed record EventStudyQuery(string Symbol, string Benchmark, string? EventId, DateOnly? Date, EventStudyParameters Parameters);
