namespace MarketContext.Web.Features.Prices.Currencies;

/// <summary>An FX series' closes by date, ascending, as a leg of a route reads them.</summary>
public sealed record FxRates(DateOnly[] Dates, double[] Closes);

/// <summary>
/// A series in another currency: the days that had a rate on every leg of the route, and the days that did not
/// (dropped, never filled from a neighbouring day: an FX move on a missing day would be invented).
/// </summary>
public sealed record ConvertedSeries(DateOnly[] Dates, double[] Values, DateOnly[] WithoutRate)
{
    /// <summary>The days without a rate from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public DateOnly[] WithoutRateBetween(DateOnly from, DateOnly to) => [.. WithoutRate.Where(d => d >= from && d <= to)];
}

/// <summary>Converts prices day by day with the FX closes of the same day. Pure: arrays in, arrays out.</summary>
public static class CurrencyConverter
{
    /// <summary>
    /// Each value times (or divided by) each leg's close of the same date. <paramref name="rates"/> are the legs'
    /// series in the route's order; a day where any leg has no close, or a close that is not a positive number, is dropped.
    /// </summary>
    public static ConvertedSeries Convert(DateOnly[] dates, double[] values, FxRoute route, IReadOnlyList<FxRates> rates)
    {
        if (rates.Count != route.Legs.Count)
        {
            throw new ArgumentException($"The route has {route.Legs.Count} legs and {rates.Count} rate series were given.", nameof(rates));
        }
        var keptDates = new List<DateOnly>(dates.Length);
        var keptValues = new List<double>(dates.Length);
        var without = new List<DateOnly>();
        var cursors = new int[rates.Count];
        for (var i = 0; i < dates.Length; i++)
        {
            var value = values[i];
            var converted = true;
            for (var leg = 0; leg < rates.Count && converted; leg++)
            {
                var series = rates[leg];
                ref var at = ref cursors[leg];
                // Both are ascending: each leg's cursor only moves forward, so a whole history converts in one pass.
                while (at < series.Dates.Length && series.Dates[at] < dates[i])
                {
                    at++;
                }
                if (at < series.Dates.Length && series.Dates[at] == dates[i] && series.Closes[at] is var rate && double.IsFinite(rate) && rate > 0)
                {
                    value = route.Legs[leg].Apply(value, rate);
                }
                else
                {
                    converted = false;
                }
            }
            if (converted)
            {
                keptDates.Add(dates[i]);
                keptValues.Add(value);
            }
            else
            {
                without.Add(dates[i]);
            }
        }
        return new ConvertedSeries([.. keptDates], [.. keptValues], [.. without]);
    }
}
