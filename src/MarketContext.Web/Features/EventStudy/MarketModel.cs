namespace MarketContext.Web.Features.EventStudy;

/// <summary>The market model R = α + β·Rm + ε fitted by ordinary least squares; σ is the residual standard error.</summary>
public sealed record MarketModel(double Alpha, double Beta, double Sigma, int Observations)
{
    public double Expected(double marketReturn) => Alpha + Beta * marketReturn;

    public static MarketModel Fit(ReadOnlySpan<double> marketReturns, ReadOnlySpan<double> stockReturns)
    {
        if (marketReturns.Length != stockReturns.Length)
        {
            throw new ArgumentException(
                $"Market and stock returns must have the same length, but got {marketReturns.Length} and {stockReturns.Length}.",
                nameof(stockReturns));
        }

        if (marketReturns.Length < 3)
        {
            throw new ArgumentException(
                $"Fitting the market model needs at least 3 observations, but got {marketReturns.Length}.",
                nameof(marketReturns));
        }

        return TryFit(marketReturns, stockReturns)
            ?? throw new ArgumentException(
                "The market returns have zero variance, so beta is undefined.",
                nameof(marketReturns));
    }

    /// <summary>Fits the model, or returns null when the market returns are constant. Lengths must already match and be at least 3.</summary>
    internal static MarketModel? TryFit(ReadOnlySpan<double> marketReturns, ReadOnlySpan<double> stockReturns)
    {
        var n = marketReturns.Length;
        double marketSum = 0, stockSum = 0;
        double marketMin = double.PositiveInfinity, marketMax = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            var market = marketReturns[i];
            marketSum += market;
            stockSum += stockReturns[i];
            marketMin = Math.Min(marketMin, market);
            marketMax = Math.Max(marketMax, market);
        }

        // Identical values are tested directly: the centred sum of squares of a constant series can
        // round to a tiny positive number and would then yield an enormous, meaningless beta.
        if (marketMin == marketMax)
        {
            return null;
        }

        var marketMean = marketSum / n;
        var stockMean = stockSum / n;

        // Centred (two-pass) sums keep precision when returns are small relative to their means.
        double sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = marketReturns[i] - marketMean;
            sxx += dx * dx;
            sxy += dx * (stockReturns[i] - stockMean);
        }

        if (!(sxx > 0))
        {
            return null;
        }

        var beta = sxy / sxx;
        var alpha = stockMean - beta * marketMean;

        double ssr = 0;
        for (var i = 0; i < n; i++)
        {
            var residual = stockReturns[i] - alpha - beta * marketReturns[i];
            ssr += residual * residual;
        }

        return new MarketModel(alpha, beta, Math.Sqrt(ssr / (n - 2)), n);
    }
}
