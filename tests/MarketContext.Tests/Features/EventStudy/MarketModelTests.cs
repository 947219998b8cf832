using MarketContext.Web.Features.EventStudy;

namespace MarketContext.Tests.Features.EventStudy;

public class MarketModelTests
{
    [Fact]
    public void Fit_recovers_known_alpha_and_beta_from_synthetic_series()
    {
        const double alpha = 0.0004, beta = 1.3, noiseSigma = 0.008;
        const int n = 2000;
        var random = new Random(20240311);
        var market = new double[n];
        var stock = new double[n];
        for (var i = 0; i < n; i++)
        {
            market[i] = 0.0003 + 0.012 * SyntheticMarket.StandardNormal(random);
            stock[i] = alpha + beta * market[i] + noiseSigma * SyntheticMarket.StandardNormal(random);
        }

        var model = MarketModel.Fit(market, stock);

        // Standard errors: β ≈ 0.008 / (0.012 · √2000) ≈ 0.015, α ≈ 0.008 / √2000 ≈ 0.00018, σ ≈ 0.008 / √4000 ≈ 0.00013.
        Assert.Equal(beta, model.Beta, 0.06);
        Assert.Equal(alpha, model.Alpha, 0.0007);
        Assert.Equal(noiseSigma, model.Sigma, 0.0005);
        Assert.Equal(n, model.Observations);
    }

    [Fact]
    public void Fit_recovers_alpha_and_beta_exactly_without_noise()
    {
        var random = new Random(7);
        var market = new double[250];
        var stock = new double[250];
        for (var i = 0; i < market.Length; i++)
        {
            market[i] = 0.02 * (random.NextDouble() - 0.5);
            stock[i] = -0.0015 + 0.85 * market[i];
        }

        var model = MarketModel.Fit(market, stock);

        Assert.Equal(-0.0015, model.Alpha, 1e-14);
        Assert.Equal(0.85, model.Beta, 1e-12);
        Assert.Equal(0.0, model.Sigma, 1e-14);
    }

    [Fact]
    public void Fit_divides_the_residual_sum_of_squares_by_n_minus_two()
    {
        // x = 0, 1, 2 and y = 0, 1, 3: x̄ = 1, ȳ = 4/3, Sxx = 2, Sxy = (−1)(−4/3) + (1)(5/3) = 3,
        // so β = 3/2 and α = 4/3 − 3/2 = −1/6. Residuals 1/6, −1/3, 1/6 give SSR = 1/6 and σ = √((1/6) / 1).
        var model = MarketModel.Fit([0.0, 1.0, 2.0], [0.0, 1.0, 3.0]);

        Assert.Equal(1.5, model.Beta, 1e-15);
        Assert.Equal(-1.0 / 6.0, model.Alpha, 1e-15);
        Assert.Equal(Math.Sqrt(1.0 / 6.0), model.Sigma, 1e-15);
    }

    [Fact]
    public void Expected_return_is_alpha_plus_beta_times_the_market_return()
    {
        var model = new MarketModel(0.001, 1.5, 0.01, 100);

        Assert.Equal(0.001 + 1.5 * -0.02, model.Expected(-0.02), 1e-15);
    }

    [Fact]
    public void Fit_rejects_series_of_different_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => MarketModel.Fit([0.01, 0.02, 0.03], [0.01, 0.02]));
        Assert.Contains("3 and 2", error.Message);
    }

    [Fact]
    public void Fit_rejects_fewer_than_three_observations()
    {
        var error = Assert.Throws<ArgumentException>(() => MarketModel.Fit([0.01, 0.02], [0.01, 0.02]));
        Assert.Contains("at least 3", error.Message);
    }

    [Fact]
    public void Fit_rejects_market_returns_with_zero_variance()
    {
        var error = Assert.Throws<ArgumentException>(() => MarketModel.Fit([0.001, 0.001, 0.001, 0.001], [0.01, -0.02, 0.0, 0.03]));
        Assert.Contains("zero variance", error.Message);
    }
}
