using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Tests.Features.EventStudy;

public class EventStudyCalculatorTests
{
    private static readonly EventStudyParameters Defaults = new();

    [Fact]
    public void Small_hand_checked_case_matches_arithmetic_done_by_hand()
    {
        // Nine weekdays: relative days −7 … +1 around day 0 = Wed 2024-03-13.
        // Estimation = 5, Gap = 1 → estimation days −6 … −2; Pre = Post = 1 → event days −1 … +1.
        var dates = SyntheticMarket.Weekdays(new DateOnly(2024, 3, 4), 9);
        // Day:                         −6     −5     −4    −3     −2    −1     0      +1
        double[] benchmarkReturns = [-0.02, -0.01, 0.00, 0.01, 0.02, 0.01, -0.01, 0.005];
        double[] stockReturns = [-0.028, -0.016, 0.003, 0.014, 0.032, 0.02, 0.03, 0.00];
        var benchmark = SyntheticMarket.PricesFromReturns(dates, 100, benchmarkReturns);
        var stock = SyntheticMarket.PricesFromReturns(dates, 50, stockReturns);
        var parameters = new EventStudyParameters(Pre: 1, Post: 1, Estimation: 5, Gap: 1);

        var outcome = EventStudyCalculator.Run(stock, benchmark, new DateOnly(2024, 3, 13), parameters, "ERIC", "^OMX");

        // Estimation window: Rm = −0.02, −0.01, 0, 0.01, 0.02 (mean 0, Sxx = 0.0004 + 0.0001 + 0 + 0.0001 + 0.0004 = 0.001);
        // R = −0.028, −0.016, 0.003, 0.014, 0.032 (mean 0.005 / 5 = 0.001).
        // Sxy = (−0.02)(−0.029) + (−0.01)(−0.017) + 0 + (0.01)(0.013) + (0.02)(0.031)
        //     = 0.00058 + 0.00017 + 0.00013 + 0.00062 = 0.0015, so β = 0.0015 / 0.001 = 1.5 and α = 0.001 − 1.5 · 0 = 0.001.
        const double alpha = 0.001, beta = 1.5;
        // Residuals R − (0.001 + 1.5 Rm): 0.001, −0.002, 0.002, −0.002, 0.001 → SSR = 14e-6, σ = √(14e-6 / (5 − 2)).
        var sigma = Math.Sqrt(14e-6 / 3);
        // Day −1: expected 0.001 + 1.5 · 0.01 = 0.016;     abnormal 0.02 − 0.016 = 0.004;     CAR 0.004
        // Day  0: expected 0.001 − 1.5 · 0.01 = −0.014;    abnormal 0.03 + 0.014 = 0.044;     CAR 0.048
        // Day +1: expected 0.001 + 1.5 · 0.005 = 0.0085;   abnormal 0 − 0.0085 = −0.0085;     CAR 0.0395
        // t = 0.0395 / (σ · √3) = 0.0395 / √14e-6 = 39.5 / √14 ≈ 10.557.
        var t = 39.5 / Math.Sqrt(14);
        // Student's t with 3 degrees of freedom: P(|T| < t) = (2/π)(θ + sinθ cosθ), θ = atan(t / √3).
        var theta = Math.Atan(t / Math.Sqrt(3));
        var p = 1 - 2 / Math.PI * (theta + Math.Sin(theta) * Math.Cos(theta));

        Assert.True(outcome.HasResult, outcome.Missing);
        var result = outcome.Result;
        Assert.Equal(new DateOnly(2024, 3, 13), result.Day0);
        Assert.Equal(alpha, result.Alpha, 1e-12);
        Assert.Equal(beta, result.Beta, 1e-10);
        Assert.Equal(sigma, result.Sigma, 1e-12);
        Assert.Equal(5, result.EstimationDays);
        Assert.Equal(0.0395, result.Car, 1e-12);
        Assert.Equal(t, result.TStat, 1e-8);
        Assert.Equal(p, result.PValue, 1e-12);

        Assert.Collection(
            result.Rows,
            row => AssertRow(row, -1, new DateOnly(2024, 3, 12), 0.02, 0.01, 0.016, 0.004, 0.004),
            row => AssertRow(row, 0, new DateOnly(2024, 3, 13), 0.03, -0.01, -0.014, 0.044, 0.048),
            row => AssertRow(row, 1, new DateOnly(2024, 3, 14), 0.00, 0.005, 0.0085, -0.0085, 0.0395));
    }

    [Fact]
    public void Day_0_of_an_event_on_a_weekend_is_the_next_trading_day()
    {
        var (stock, benchmark) = NoisyPair(SyntheticMarket.Weekdays(new DateOnly(2023, 1, 2), 400));

        var outcome = EventStudyCalculator.Run(stock, benchmark, new DateOnly(2024, 3, 9), Defaults, "ERIC", "^OMX");

        Assert.True(outcome.HasResult, outcome.Missing);
        Assert.Equal(new DateOnly(2024, 3, 11), outcome.Result.Day0);
        Assert.Equal(new DateOnly(2024, 3, 11), outcome.Result.Rows[Defaults.Pre].Date);
        Assert.Equal(new DateOnly(2024, 3, 8), outcome.Result.Rows[Defaults.Pre - 1].Date);
    }

    [Fact]
    public void Day_0_of_an_event_on_a_holiday_in_both_series_is_the_next_trading_day()
    {
        var holiday = new DateOnly(2024, 3, 11);
        var dates = SyntheticMarket.Weekdays(new DateOnly(2023, 1, 2), 400);
        dates.Remove(holiday);
        var (stock, benchmark) = NoisyPair(dates);

        var outcome = EventStudyCalculator.Run(stock, benchmark, holiday, Defaults, "ERIC", "^OMX");

        Assert.True(outcome.HasResult, outcome.Missing);
        Assert.Equal(new DateOnly(2024, 3, 12), outcome.Result.Day0);
    }

    [Fact]
    public void A_date_missing_from_the_benchmark_is_skipped_and_the_next_return_spans_the_hole()
    {
        var (stock, fullBenchmark) = NoisyPair(SyntheticMarket.Weekdays(new DateOnly(2023, 1, 2), 400));
        var hole = new DateOnly(2024, 3, 13);
        var benchmark = fullBenchmark.Where(point => point.Date != hole).ToList();

        var outcome = EventStudyCalculator.Run(stock, benchmark, new DateOnly(2024, 3, 11), Defaults, "ERIC", "^OMX");

        Assert.True(outcome.HasResult, outcome.Missing);
        var rows = outcome.Result.Rows;
        Assert.DoesNotContain(rows, row => row.Date == hole);
        var afterHole = Assert.Single(rows, row => row.Date == new DateOnly(2024, 3, 14));
        Assert.Equal(2, afterHole.Day);
        Assert.Equal(Close(stock, 2024, 3, 14) / Close(stock, 2024, 3, 12) - 1, afterHole.Return, 1e-14);
        Assert.Equal(Close(fullBenchmark, 2024, 3, 14) / Close(fullBenchmark, 2024, 3, 12) - 1, afterHole.BenchmarkReturn, 1e-14);
        Assert.Equal(new DateOnly(2024, 3, 19), rows[^1].Date);
    }

    [Fact]
    public void A_date_missing_from_the_stock_is_skipped_and_day_numbers_count_joined_days()
    {
        var (fullStock, benchmark) = NoisyPair(SyntheticMarket.Weekdays(new DateOnly(2023, 1, 2), 400));
        var hole = new DateOnly(2024, 3, 7);
        var stock = fullStock.Where(point => point.Date != hole).ToList();

        var outcome = EventStudyCalculator.Run(stock, benchmark, new DateOnly(2024, 3, 11), Defaults, "ERIC", "^OMX");

        Assert.True(outcome.HasResult, outcome.Missing);
        var rows = outcome.Result.Rows;
        Assert.Equal(
            [new(2024, 3, 1), new(2024, 3, 4), new(2024, 3, 5), new(2024, 3, 6), new(2024, 3, 8), new(2024, 3, 11)],
            rows.Take(6).Select(row => row.Date));
        Assert.Equal(Close(fullStock, 2024, 3, 8) / Close(fullStock, 2024, 3, 6) - 1, rows[4].Return, 1e-14);
    }

    [Fact]
    public void Log_returns_are_the_log_of_one_plus_simple_returns_and_change_the_car()
    {
        var (stock, benchmark) = NoisyPair(SyntheticMarket.Weekdays(new DateOnly(2023, 1, 2), 400));
        var eventDate = new DateOnly(2024, 3, 11);

        var simple = EventStudyCalculator.Run(stock, benchmark, eventDate, Defaults, "ERIC", "^OMX");
        var log = EventStudyCalculator.Run(stock, benchmark, eventDate, Defaults with { Returns = ReturnKind.Log }, "ERIC", "^OMX");

        Assert.True(simple.HasResult, simple.Missing);
        Assert.True(log.HasResult, log.Missing);
        Assert.Equal(simple.Result.Day0, log.Result.Day0);
        for (var i = 0; i < simple.Result.Rows.Count; i++)
        {
            var simpleRow = simple.Result.Rows[i];
            var logRow = log.Result.Rows[i];
            Assert.Equal(simpleRow.Date, logRow.Date);
            Assert.Equal(Math.Log(1 + simpleRow.Return), logRow.Return, 1e-15);
            Assert.Equal(Math.Log(1 + simpleRow.BenchmarkReturn), logRow.BenchmarkReturn, 1e-15);
            // ln(1 + r) < r for every r ≠ 0.
            Assert.True(logRow.Return < simpleRow.Return);
        }

        Assert.NotEqual(simple.Result.Car, log.Result.Car, 1e-6);
        Assert.NotEqual(simple.Result.Beta, log.Result.Beta, 1e-9);
    }

    [Fact]
    public void Too_few_days_before_day_0_is_reported_with_the_counts()
    {
        // 42 weekdays before Monday 2019-03-11: Thu 10 and Fri 11 January, then eight full weeks.
        var (stock, benchmark) = NoisyPair(SyntheticMarket.Weekdays(new DateOnly(2019, 1, 10), 80));

        var outcome = EventStudyCalculator.Run(stock, benchmark, new DateOnly(2019, 3, 11), Defaults, "ERIC", "^OMX");

        Assert.False(outcome.HasResult);
        Assert.Null(outcome.Result);
        Assert.Equal(
            "ERIC has 42 trading days in common with ^OMX before day 0 (2019-03-11) but the estimation window needs 131 (120 estimation + 10 gap + 1 for the first return)",
            outcome.Missing);
    }

    [Fact]
    public void Exactly_enough_days_before_day_0_is_accepted()
    {
        var dates = SyntheticMarket.Weekdays(new DateOnly(2019, 1, 1), 300);
        var day0 = dates[131];
        var (stock, benchmark) = NoisyPair(dates);

        var enough = EventStudyCalculator.Run(stock, benchmark, day0, Defaults, "ERIC", "^OMX");
        var oneShort = EventStudyCalculator.Run(stock, benchmark, dates[130], Defaults, "ERIC", "^OMX");

        Assert.True(enough.HasResult, enough.Missing);
        Assert.Equal(120, enough.Result.EstimationDays);
        Assert.Contains("has 130 trading days", oneShort.Missing);
    }

    [Fact]
    public void No_trading_day_on_or_after_the_event_is_reported_with_the_last_common_date()
    {
        var (stock, benchmark) = NoisyPair(SyntheticMarket.Weekdays(new DateOnly(2020, 1, 1), 262));

        var outcome = EventStudyCalculator.Run(stock, benchmark, new DateOnly(2021, 1, 4), Defaults, "ERIC", "^OMX");

        Assert.False(outcome.HasResult);
        Assert.Equal(
            "no trading day on or after 2021-01-04: the days ERIC and ^OMX have in common end on 2020-12-31",
            outcome.Missing);
    }

    [Fact]
    public void Too_few_days_after_day_0_is_reported_with_the_counts()
    {
        var dates = SyntheticMarket.Weekdays(new DateOnly(2020, 1, 1), 300);
        var (stock, benchmark) = NoisyPair(dates);

        var outcome = EventStudyCalculator.Run(stock, benchmark, dates[^4], Defaults, "ERIC", "^OMX");

        Assert.False(outcome.HasResult);
        Assert.Equal(
            $"only 3 trading days after day 0 ({dates[^4]:yyyy-MM-dd}) in common between ERIC and ^OMX; the window needs 5",
            outcome.Missing);
    }

    [Fact]
    public void Shortfalls_on_both_sides_are_reported_together()
    {
        var dates = SyntheticMarket.Weekdays(new DateOnly(2020, 1, 1), 20);
        var (stock, benchmark) = NoisyPair(dates);

        var outcome = EventStudyCalculator.Run(stock, benchmark, dates[18], Defaults, "ERIC", "^OMX");

        Assert.False(outcome.HasResult);
        Assert.Contains("ERIC has 18 trading days in common with ^OMX before day 0", outcome.Missing);
        Assert.Contains("only 1 trading day after day 0", outcome.Missing);
    }

    [Fact]
    public void Series_without_common_dates_are_reported_as_missing()
    {
        var stock = SyntheticMarket.PricesFromReturns(SyntheticMarket.Weekdays(new DateOnly(2020, 1, 1), 3), 10, [0.01, 0.02]);
        var benchmark = SyntheticMarket.PricesFromReturns(SyntheticMarket.Weekdays(new DateOnly(2021, 1, 1), 3), 10, [0.01, 0.02]);

        var outcome = EventStudyCalculator.Run(stock, benchmark, new DateOnly(2020, 6, 1), Defaults, "ERIC", "^OMX");

        Assert.Equal("ERIC and ^OMX have no trading days in common", outcome.Missing);
    }

    [Fact]
    public void A_constant_benchmark_over_the_estimation_window_is_reported_as_missing()
    {
        var dates = SyntheticMarket.Weekdays(new DateOnly(2024, 1, 1), 12);
        var stock = SyntheticMarket.PricesFromReturns(dates, 50, [0.01, -0.02, 0.03, 0.0, 0.01, 0.02, -0.01, 0.0, 0.02, 0.01, 0.0]);
        var benchmark = dates.Select(date => new PricePoint(date, 100)).ToList();
        var parameters = new EventStudyParameters(Pre: 1, Post: 1, Estimation: 5, Gap: 2);

        var outcome = EventStudyCalculator.Run(stock, benchmark, dates[9], parameters, "ERIC", "^OMX");

        Assert.False(outcome.HasResult);
        Assert.StartsWith("^OMX returns are constant over the estimation window", outcome.Missing);
    }

    [Fact]
    public void Prepared_returns_give_the_same_result_as_raw_prices()
    {
        var (stock, benchmark) = NoisyPair(SyntheticMarket.Weekdays(new DateOnly(2023, 1, 2), 400));
        var prepared = ReturnSeries.Join(stock, benchmark, ReturnKind.Simple);
        var eventDate = new DateOnly(2023, 11, 2);

        var fromPrices = EventStudyCalculator.Run(stock, benchmark, eventDate, Defaults, "ERIC", "^OMX");
        var fromPrepared = EventStudyCalculator.Run(prepared, eventDate, Defaults, "ERIC", "^OMX");

        Assert.True(fromPrices.HasResult, fromPrices.Missing);
        Assert.True(fromPrepared.HasResult, fromPrepared.Missing);
        Assert.Equal(fromPrices.Result.Rows, fromPrepared.Result.Rows);
        Assert.Equal(fromPrices.Result with { Rows = [] }, fromPrepared.Result with { Rows = [] });
    }

    [Fact]
    public void Prepared_returns_of_another_kind_are_rejected()
    {
        var (stock, benchmark) = NoisyPair(SyntheticMarket.Weekdays(new DateOnly(2023, 1, 2), 400));
        var prepared = ReturnSeries.Join(stock, benchmark, ReturnKind.Log);

        var error = Assert.Throws<ArgumentException>(
            () => EventStudyCalculator.Run(prepared, new DateOnly(2024, 1, 2), Defaults, "ERIC", "^OMX"));
        Assert.Contains("Log returns but the parameters ask for Simple", error.Message);
    }

    [Theory]
    [InlineData(-1, 5, 120, 10, "Pre")]
    [InlineData(5, -1, 120, 10, "Post")]
    [InlineData(5, 1001, 120, 10, "Post")]
    [InlineData(5, 5, 2, 10, "Estimation")]
    [InlineData(5, 5, 1001, 10, "Estimation")]
    [InlineData(0, 5, 120, -1, "Gap")]
    [InlineData(5, 5, 120, 1001, "Gap")]
    [InlineData(11, 5, 120, 10, "Pre")]
    public void Invalid_parameters_are_rejected_naming_the_parameter(int pre, int post, int estimation, int gap, string name)
    {
        var (stock, benchmark) = NoisyPair(SyntheticMarket.Weekdays(new DateOnly(2023, 1, 2), 400));
        var parameters = new EventStudyParameters(pre, post, estimation, gap);

        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => EventStudyCalculator.Run(stock, benchmark, new DateOnly(2024, 1, 2), parameters, "ERIC", "^OMX"));
        Assert.Equal(name, error.ParamName);
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void An_event_window_overlapping_the_estimation_window_is_rejected_with_an_explanation()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EventStudyParameters(Pre: 11, Gap: 10).Validate());

        Assert.Contains("overlaps the estimation window", error.Message);
    }

    private static (List<PricePoint> Stock, List<PricePoint> Benchmark) NoisyPair(IReadOnlyList<DateOnly> dates, int seed = 42) =>
        SyntheticMarket.MarketModelPair(dates, alpha: 0.0002, beta: 1.1, noiseSigma: 0.01, seed);

    private static double Close(List<PricePoint> prices, int year, int month, int day) =>
        prices.Single(point => point.Date == new DateOnly(year, month, day)).Value;

    private static void AssertRow(
        EventStudyRow row,
        int day,
        DateOnly date,
        double stockReturn,
        double benchmarkReturn,
        double expected,
        double abnormal,
        double car)
    {
        Assert.Equal(day, row.Day);
        Assert.Equal(date, row.Date);
        Assert.Equal(stockReturn, row.Return, 1e-12);
        Assert.Equal(benchmarkReturn, row.BenchmarkReturn, 1e-12);
        Assert.Equal(expected, row.Expected, 1e-12);
        Assert.Equal(abnormal, row.Abnormal, 1e-12);
        Assert.Equal(car, row.Car, 1e-12);
    }
}
