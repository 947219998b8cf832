namespace MarketContext.Web.Features.EventStudy.Battery;

/// <summary>
/// Benjamini–Hochberg q-values: when many tests are read at once, q is the smallest false-discovery rate at which
/// a test would count as a discovery. q_(i) = min over j ≥ i of m·p_(j)/j, capped at 1; missing p-values stay missing.
/// </summary>
public static class BenjaminiHochberg
{
    public static double?[] QValues(IReadOnlyList<double?> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var present = pValues.Select((p, index) => (P: p, Index: index))
            .Where(x => x.P is { } p && !double.IsNaN(p))
            .OrderBy(x => x.P!.Value).ThenBy(x => x.Index)
            .ToArray();
        var q = new double?[pValues.Count];
        var m = present.Length;
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var (p, index) = present[rank - 1];
            running = Math.Min(running, p!.Value * m / rank);
            q[index] = running;
        }
        return q;
    }
}
