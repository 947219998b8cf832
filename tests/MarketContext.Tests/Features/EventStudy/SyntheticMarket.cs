using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Tests.Features.EventStudy;

/// <summary>Deterministic price series for tests: weekday calendars and prices generated from a known market model.</summary>
internal static class SyntheticMarket
{
    public static List<DateOnly> Weekdays(DateOnly first, int count)
    {
        var dates = new List<DateOnly>(count);
        for (var date = first; dates.Count < count; date = date.AddDays(1))
        {
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                dates.Add(date);
            }
        }

        return dates;
    }

    /// <summary>Prices whose simple return on dates[i] is returns[i − 1].</summary>
    public static List<PricePoint> PricesFromReturns(IReadOnlyList<DateOnly> dates, double firstPrice, IReadOnlyList<double> returns)
    {
        Assert.Equal(dates.Count - 1, returns.Count);
        var prices = new List<PricePoint>(dates.Count) { new(dates[0], firstPrice) };
        var price = firstPrice;
        for (var i = 0; i < returns.Count; i++)
        {
            price *= 1 + returns[i];
            prices.Add(new PricePoint(dates[i + 1], price));
        }

        return prices;
    }

    /// <summary>A benchmark with random returns and a stock following R = α + β·Rm + ε, ε ~ N(0, noiseSigma²).</summary>
    public static (List<PricePoint> Stock, List<PricePoint> Benchmark) MarketModelPair(
        IReadOnlyList<DateOnly> dates,
        double alpha,
        double beta,
        double noiseSigma,
        int seed)
    {
        var random = new Random(seed);
        var marketReturns = new List<double>(dates.Count - 1);
        var stockReturns = new List<double>(dates.Count - 1);
        for (var i = 1; i < dates.Count; i++)
        {
            var market = 0.0003 + 0.01 * StandardNormal(random);
            marketReturns.Add(market);
            stockReturns.Add(alpha + beta * market + noiseSigma * StandardNormal(random));
        }

        return (PricesFromReturns(dates, 50, stockReturns), PricesFromReturns(dates, 1000, marketReturns));
    }

    // Box–Muller transform.
    public static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
