namespace MarketContext.Web.Features.Prices;

/// <summary>One trading day of one instrument. A field the import judged unusable is null.</summary>
public sealed record PriceBar(DateOnly Date, double? Open, double? High, double? Low, double Close, double? AdjClose, long? Volume)
{
    /// <summary>The price that total-return comparisons use: the adjusted close where known, else the close.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double Value => AdjClose ?? Close;

    /// <summary>
    /// The first day a price may carry: no market is older, and a drawing's date axis (OLE dates) starts here. An
    /// import refuses an earlier one; one already stored is left out of every series that is drawn or studied.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(100, 1, 1);
}

public sealed record Instrument(string Symbol, string Name, string? Currency);

public sealed record ImportMessage(int Line, string Message);
