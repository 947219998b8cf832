using MarketContext.Web.Features.EventStudy.Battery;

namespace MarketContext.Web.Features.EventStudy;

/// <summary>Benjamini–Hochberg q-values of a summary row's two windows.</summary>
public sealed record SummaryQ(double? Q1, double? Q5);

/// <summary>
/// The summary tests every event × vendor at once, so each window's p-values form one family: about one in twenty
/// would pass p &lt; 0.05 by chance alone, while q &lt; 0.05 keeps the expected share of false discoveries under 5%.
/// </summary>
public static class SummaryQValues
{
    public static IReadOnlyList<SummaryQ> For(IReadOnlyList<EventStudySummaryRow> rows)
    {
        var q1 = BenjaminiHochberg.QValues([.. rows.Select(r => r.Car1?.PValue)]);
        var q5 = BenjaminiHochberg.QValues([.. rows.Select(r => r.Car5?.PValue)]);
        return [.. rows.Select((_, i) => new SummaryQ(q1[i], q5[i]))];
    }
}
