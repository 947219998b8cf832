using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Tests.Features.EventStudy;

public class ReturnSeriesTests
{
    private static readonly DateOnly Monday = new(2024, 3, 4);

    [Fact]
    public void Join_keeps_only_dates_present_in_both_series()
    {
        List<PricePoint> stock = [new(Monday, 10), new(Monday.AddDays(1), 11), new(Monday.AddDays(3), 12), new(Monday.AddDays(4), 12.6)];
        List<PricePoint> benchmark = [new(Monday.AddDays(1), 100), new(Monday.AddDays(2), 101), new(Monday.AddDays(3), 102), new(Monday.AddDays(4), 99.96)];

        var series = ReturnSeries.Join(stock, benchmark, ReturnKind.Simple);

        Assert.Equal([Monday.AddDays(1), Monday.AddDays(3), Monday.AddDays(4)], series.Dates.ToArray());
        Assert.True(double.IsNaN(series.StockReturns[0]));
        Assert.Equal(12.0 / 11.0 - 1, series.StockReturns[1], 1e-15);
        Assert.Equal(0.02, series.BenchmarkReturns[1], 1e-15);
        Assert.Equal(0.05, series.StockReturns[2], 1e-15);
        Assert.Equal(-0.02, series.BenchmarkReturns[2], 1e-15);
    }

    [Fact]
    public void Join_computes_log_returns_when_asked()
    {
        List<PricePoint> stock = [new(Monday, 10), new(Monday.AddDays(1), 12)];
        List<PricePoint> benchmark = [new(Monday, 100), new(Monday.AddDays(1), 90)];

        var series = ReturnSeries.Join(stock, benchmark, ReturnKind.Log);

        Assert.Equal(ReturnKind.Log, series.Kind);
        Assert.Equal(Math.Log(1.2), series.StockReturns[1], 1e-15);
        Assert.Equal(Math.Log(0.9), series.BenchmarkReturns[1], 1e-15);
    }

    [Fact]
    public void Join_treats_non_positive_and_non_finite_prices_as_missing_days()
    {
        List<PricePoint> stock = [new(Monday, 10), new(Monday.AddDays(1), 0), new(Monday.AddDays(2), double.NaN), new(Monday.AddDays(3), 11)];
        List<PricePoint> benchmark = [new(Monday, 100), new(Monday.AddDays(1), 100), new(Monday.AddDays(2), 100), new(Monday.AddDays(3), 105)];

        var series = ReturnSeries.Join(stock, benchmark, ReturnKind.Simple);

        Assert.Equal([Monday, Monday.AddDays(3)], series.Dates.ToArray());
        Assert.Equal(0.1, series.StockReturns[1], 1e-15);
        Assert.Equal(0.05, series.BenchmarkReturns[1], 1e-15);
    }

    [Fact]
    public void Join_rejects_prices_that_are_not_strictly_ascending()
    {
        List<PricePoint> stock = [new(Monday.AddDays(1), 10), new(Monday, 11)];
        List<PricePoint> benchmark = [new(Monday, 100)];

        var error = Assert.Throws<ArgumentException>(() => ReturnSeries.Join(stock, benchmark, ReturnKind.Simple));
        Assert.Equal("stock", error.ParamName);
        Assert.Contains("2024-03-04 follows 2024-03-05", error.Message);
    }

    [Fact]
    public void Index_on_or_after_finds_the_first_joined_day_not_before_the_date()
    {
        List<PricePoint> prices = [new(Monday, 1), new(Monday.AddDays(1), 1), new(Monday.AddDays(4), 1)];
        var series = ReturnSeries.Join(prices, prices, ReturnKind.Simple);

        Assert.Equal(0, series.IndexOnOrAfter(Monday.AddDays(-10)));
        Assert.Equal(1, series.IndexOnOrAfter(Monday.AddDays(1)));
        Assert.Equal(2, series.IndexOnOrAfter(Monday.AddDays(2)));
        Assert.Equal(3, series.IndexOnOrAfter(Monday.AddDays(5)));
    }
}
