using MarketContext.Web.Features.EventStudy;

namespace MarketContext.Tests.Features.EventStudy;

/// <summary>
/// The two-factor market model on data built so that the answer is known by hand: the stock's returns are
/// 0.001 + 1.2·Rm + 0.5·Rfx plus residuals that sum to zero and are orthogonal to both factors, so least squares
/// must give back exactly those coefficients, and σ² = Σe² / (n − 3).
/// </summary>
public sealed class FxMarketModelTests
{
    private static readonly double[] Market = [0.01, 0, -0.01, 0, 0];
    private static readonly double[] Fx = [0, 0.01, 0, -0.01, 0];
    // Σe = 0, Σe·Rm = 0.001·0.01 − 0.001·0.01 = 0, Σe·Rfx = 0; Σe² = (1 + 1 + 4)·10⁻⁶ = 6·10⁻⁶.
    private static readonly double[] Residuals = [0.001, 0, 0.001, 0, -0.002];

    private static double[] Stock() => [.. Market.Select((m, i) => 0.001 + 1.2 * m + 0.5 * Fx[i] + Residuals[i])];

    [Fact]
    public void Recovers_alpha_beta_gamma_and_sigma_computed_by_hand()
    {
        var model = FxMarketModel.TryFit(Market, Fx, Stock())!;
        Assert.Equal(0.001, model.Alpha, 12);
        Assert.Equal(1.2, model.Beta, 10);
        Assert.Equal(0.5, model.Gamma, 10);
        // σ = √(6·10⁻⁶ / (5 − 3)) = √(3·10⁻⁶) = 0.0017320508075688772
        Assert.Equal(0.0017320508075688772, model.Sigma, 12);
        Assert.Equal(5, model.Observations);
        // Expected of day 1: 0.001 + 1.2·0.01 + 0.5·0 = 0.013
        Assert.Equal(0.013, model.Expected(0.01, 0), 10);
    }

    [Fact]
    public void Correlated_factors_are_separated_as_the_normal_equations_say()
    {
        // Rm = [1, 2, 3, 4]·0.01, Rfx = [1, 1, 2, 3]·0.01, y = 2·Rm − Rfx exactly (no α, no residual).
        // By hand: centred x = [−1.5, −0.5, 0.5, 1.5]·0.01, z = [−0.75, −0.75, 0.25, 1.25]·0.01;
        // Sxx = 5, Szz = 2.75, Sxz = 3.5 (·10⁻⁴), det = 13.75 − 12.25 = 1.5; Sxy = 2·5 − 3.5 = 6.5, Szy = 2·3.5 − 2.75 = 4.25;
        // β = (2.75·6.5 − 3.5·4.25) / 1.5 = (17.875 − 14.875) / 1.5 = 2; γ = (5·4.25 − 3.5·6.5) / 1.5 = (21.25 − 22.75) / 1.5 = −1.
        double[] market = [0.01, 0.02, 0.03, 0.04], fx = [0.01, 0.01, 0.02, 0.03];
        double[] stock = [0.01, 0.03, 0.04, 0.05];
        var model = FxMarketModel.TryFit(market, fx, stock)!;
        Assert.Equal(2, model.Beta, 10);
        Assert.Equal(-1, model.Gamma, 10);
        Assert.Equal(0, model.Alpha, 12);
        Assert.Equal(0, model.Sigma, 12);
    }

    [Fact]
    public void Factors_that_move_together_cannot_be_told_apart()
    {
        Assert.Null(FxMarketModel.TryFit(Market, [.. Market.Select(m => 2 * m)], Stock()));
        Assert.Null(FxMarketModel.TryFit(Market, [0.002, 0.002, 0.002, 0.002, 0.002], Stock()));
        Assert.Throws<ArgumentException>(() => FxMarketModel.TryFit(Market, Fx[..4], Stock()));
    }
}
