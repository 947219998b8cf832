namespace MarketContext.Web.Features.EventStudy;

/// <summary>
/// The market model with the exchange rate as a second factor, R = α + β·Rm + γ·Rfx + ε, fitted by ordinary least
/// squares; σ is the residual standard error on n − 3 degrees of freedom. For a listing priced in another currency
/// than its benchmark, γ takes up the part of its return that is the currency's move rather than the market's.
/// </summary>
public sealed record FxMarketModel(double Alpha, double Beta, double Gamma, double Sigma, int Observations)
{
    public double Expected(double marketReturn, double fxReturn) => Alpha + Beta * marketReturn + Gamma * fxReturn;

    /// <summary>
    /// Fits the model, or returns null when the two factors cannot be told apart (either is constant, or one is a
    /// multiple of the other). The three spans must have one length, at least 4.
    /// </summary>
    public static FxMarketModel? TryFit(ReadOnlySpan<double> marketReturns, ReadOnlySpan<double> fxReturns, ReadOnlySpan<double> stockReturns)
    {
        var n = marketReturns.Length;
        if (fxReturns.Length != n || stockReturns.Length != n)
        {
            throw new ArgumentException($"Market, FX and stock returns must have one length, but got {n}, {fxReturns.Length} and {stockReturns.Length}.", nameof(stockReturns));
        }
        if (n < 4)
        {
            throw new ArgumentException($"Fitting two factors needs at least 4 observations, but got {n}.", nameof(marketReturns));
        }
        double mx = 0, mz = 0, my = 0;
        for (var i = 0; i < n; i++)
        {
            mx += marketReturns[i];
            mz += fxReturns[i];
            my += stockReturns[i];
        }
        (mx, mz, my) = (mx / n, mz / n, my / n);

        // Centred sums of squares and products: the normal equations of the two slopes.
        double sxx = 0, szz = 0, sxz = 0, sxy = 0, szy = 0;
        for (var i = 0; i < n; i++)
        {
            var (dx, dz, dy) = (marketReturns[i] - mx, fxReturns[i] - mz, stockReturns[i] - my);
            sxx += dx * dx;
            szz += dz * dz;
            sxz += dx * dz;
            sxy += dx * dy;
            szy += dz * dy;
        }
        var determinant = sxx * szz - sxz * sxz;
        // Relative to the factors' own spread: a determinant that is rounding noise means collinear factors.
        if (!(sxx > 0) || !(szz > 0) || !(determinant > 1e-12 * sxx * szz))
        {
            return null;
        }
        var beta = (szz * sxy - sxz * szy) / determinant;
        var gamma = (sxx * szy - sxz * sxy) / determinant;
        var alpha = my - beta * mx - gamma * mz;
        double ssr = 0;
        for (var i = 0; i < n; i++)
        {
            var residual = stockReturns[i] - alpha - beta * marketReturns[i] - gamma * fxReturns[i];
            ssr += residual * residual;
        }
        return new FxMarketModel(alpha, beta, gamma, Math.Sqrt(ssr / (n - 3)), n);
    }
}
