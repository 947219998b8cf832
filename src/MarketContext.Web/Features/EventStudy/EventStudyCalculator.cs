using System.Globalization;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Web.Features.EventStudy;

/// <summary>Market-model event study: abnormal returns around one event date and the significance of their sum.</summary>
public static class EventStudyCalculator
{
    /// <summary>Joins the two price series and runs the study. Prefer the <see cref="ReturnSeries"/> overload when running many events on one pair.</summary>
    public static EventStudyOutcome Run(
        IReadOnlyList<PricePoint> stock,
        IReadOnlyList<PricePoint> benchmark,
        DateOnly eventDate,
        EventStudyParameters parameters,
        string symbol,
        string benchmarkSymbol)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        return Run(ReturnSeries.Join(stock, benchmark, parameters.Returns), eventDate, parameters, symbol, benchmarkSymbol);
    }

    /// <summary>
    /// Runs the study on returns prepared by <see cref="ReturnSeries.Join"/>, whose kind must match
    /// <see cref="EventStudyParameters.Returns"/>. Insufficient data yields an outcome whose
    /// <see cref="EventStudyOutcome.Missing"/> says what is lacking; the symbols only name the series in that message.
    /// </summary>
    public static EventStudyOutcome Run(
        ReturnSeries returns,
        DateOnly eventDate,
        EventStudyParameters parameters,
        string symbol,
        string benchmarkSymbol)
    {
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentException.ThrowIfNullOrWhiteSpace(benchmarkSymbol);
        parameters.Validate();
        if (returns.Kind != parameters.Returns)
        {
            throw new ArgumentException(
                $"The prepared returns are {returns.Kind} returns but the parameters ask for {parameters.Returns} returns.",
                nameof(returns));
        }

        var dates = returns.Dates;
        if (dates.IsEmpty)
        {
            return EventStudyOutcome.NotComputed($"{symbol} and {benchmarkSymbol} have no trading days in common");
        }

        var day0 = returns.IndexOnOrAfter(eventDate);
        if (day0 == dates.Length)
        {
            return EventStudyOutcome.NotComputed(
                $"no trading day on or after {Iso(eventDate)}: the days {symbol} and {benchmarkSymbol} have in common end on {Iso(dates[^1])}");
        }

        var pre = parameters.Pre;
        var post = parameters.Post;
        var estimation = parameters.Estimation;
        var gap = parameters.Gap;

        // Gap ≥ Pre (validated), so the estimation window reaches furthest back; its first return needs one earlier price.
        var neededBefore = gap + estimation + 1;
        var daysAfter = dates.Length - 1 - day0;
        if (day0 < neededBefore || daysAfter < post)
        {
            return EventStudyOutcome.NotComputed(
                DescribeShortfall(symbol, benchmarkSymbol, dates[day0], day0, neededBefore, daysAfter, parameters));
        }

        var estimationStart = day0 - gap - estimation;
        var fxModel = returns.HasFx
            ? FxMarketModel.TryFit(
                returns.BenchmarkReturns.Slice(estimationStart, estimation),
                returns.FxReturns.Slice(estimationStart, estimation),
                returns.StockReturns.Slice(estimationStart, estimation))
            : null;
        var model = returns.HasFx
            ? fxModel is null ? null : new MarketModel(fxModel.Alpha, fxModel.Beta, fxModel.Sigma, fxModel.Observations)
            : MarketModel.TryFit(
                returns.BenchmarkReturns.Slice(estimationStart, estimation),
                returns.StockReturns.Slice(estimationStart, estimation));
        if (model is null && returns.HasFx)
        {
            return EventStudyOutcome.NotComputed(
                $"{benchmarkSymbol} and the exchange rate's returns cannot be told apart over the estimation window ({DateRange(dates, estimationStart, estimation)}), so beta and gamma are undefined");
        }
        if (model is null)
        {
            return EventStudyOutcome.NotComputed(
                $"{benchmarkSymbol} returns are constant over the estimation window ({DateRange(dates, estimationStart, estimation)}), so beta is undefined");
        }

        if (!(model.Sigma > 0))
        {
            return EventStudyOutcome.NotComputed(
                $"the market model fits {symbol} exactly over the estimation window ({DateRange(dates, estimationStart, estimation)}), so sigma is 0 and the t-statistic is undefined");
        }

        var stockReturns = returns.StockReturns;
        var benchmarkReturns = returns.BenchmarkReturns;
        var rows = new EventStudyRow[parameters.EventWindowLength];
        var car = 0.0;
        for (var day = -pre; day <= post; day++)
        {
            var index = day0 + day;
            double? fx = returns.HasFx ? returns.FxReturns[index] : null;
            var expected = fxModel?.Expected(benchmarkReturns[index], fx!.Value) ?? model.Expected(benchmarkReturns[index]);
            var abnormal = stockReturns[index] - expected;
            car += abnormal;
            rows[day + pre] = new EventStudyRow(day, dates[index], stockReturns[index], benchmarkReturns[index], expected, abnormal, car, fx);
        }

        // Under H0 the L abnormal returns are independent with variance σ², so CAR has standard deviation σ·√L.
        var tStat = car / (model.Sigma * Math.Sqrt(rows.Length));
        // The FX factor costs the fit one more degree of freedom.
        var pValue = StudentT.TwoSidedPValue(tStat, estimation - (returns.HasFx ? 3 : 2));

        return EventStudyOutcome.Computed(new EventStudyResult(
            dates[day0],
            model.Alpha,
            model.Beta,
            model.Sigma,
            estimation,
            rows,
            car,
            tStat,
            pValue,
            fxModel?.Gamma));
    }

    private static string DescribeShortfall(
        string symbol,
        string benchmarkSymbol,
        DateOnly day0Date,
        int daysBefore,
        int neededBefore,
        int daysAfter,
        EventStudyParameters parameters)
    {
        var problems = new List<string>(2);
        if (daysBefore < neededBefore)
        {
            problems.Add(
                $"{symbol} has {TradingDays(daysBefore)} in common with {benchmarkSymbol} before day 0 ({Iso(day0Date)}) " +
                $"but the estimation window needs {neededBefore} ({parameters.Estimation} estimation + {parameters.Gap} gap + 1 for the first return)");
        }

        if (daysAfter < parameters.Post)
        {
            problems.Add(
                $"only {TradingDays(daysAfter)} after day 0 ({Iso(day0Date)}) in common between {symbol} and {benchmarkSymbol}; " +
                $"the window needs {parameters.Post}");
        }

        return string.Join("; ", problems);
    }

    private static string DateRange(ReadOnlySpan<DateOnly> dates, int start, int length) =>
        $"{Iso(dates[start])} to {Iso(dates[start + length - 1])}";

    private static string TradingDays(int count) => count == 1 ? "1 trading day" : $"{count} trading days";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
