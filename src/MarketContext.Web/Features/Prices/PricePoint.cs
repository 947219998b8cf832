namespace MarketContext.Web.Features.Prices;

/// <summary>One trading day's adjusted close.</summary>
public readonly record struct PricePoint(DateOnly Date, double Value);
