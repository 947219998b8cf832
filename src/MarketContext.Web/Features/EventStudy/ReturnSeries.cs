using MarketContext.Web.Features.Prices;

namespace MarketContext.Web.Features.EventStudy;

/// <summary>
/// Stock and benchmark returns on the trading days both series share. Build it once per
/// stock/benchmark pair and reuse it across events.
/// </summary>
public sealed class ReturnSeries
{
    private readonly DateOnly[] _dates;
    private readonly double[] _stockReturns;
    private readonly double[] _benchmarkReturns;
    private readonly double[]? _fxReturns;

    private ReturnSeries(ReturnKind kind, DateOnly[] dates, double[] stockReturns, double[] benchmarkReturns, double[]? fxReturns = null)
    {
        Kind = kind;
        _dates = dates;
        _stockReturns = stockReturns;
        _benchmarkReturns = benchmarkReturns;
        _fxReturns = fxReturns;
    }

    public ReturnKind Kind { get; }

    /// <summary>Number of joined trading days (prices), one more than the number of returns when non-empty.</summary>
    public int Count => _dates.Length;

    /// <summary>Joined trading days, ascending.</summary>
    public ReadOnlySpan<DateOnly> Dates => _dates;

    /// <summary>Stock return of each joined day; index 0 has no predecessor and holds NaN.</summary>
    public ReadOnlySpan<double> StockReturns => _stockReturns;

    /// <summary>Benchmark return of each joined day; index 0 has no predecessor and holds NaN.</summary>
    public ReadOnlySpan<double> BenchmarkReturns => _benchmarkReturns;

    /// <summary>Whether the exchange rate's returns were joined too, as the market model's second factor.</summary>
    public bool HasFx => _fxReturns is not null;

    /// <summary>The exchange rate's return of each joined day (index 0 NaN); empty when <see cref="HasFx"/> is false.</summary>
    public ReadOnlySpan<double> FxReturns => _fxReturns;

    /// <summary>
    /// Joins on a listing's calendar: rows on days its exchange was closed are left out, so that the windows count
    /// the exchange's sessions; with <paramref name="fx"/>, only days the exchange rate has a price too are kept, and
    /// its returns between them are the second factor.
    /// </summary>
    public static ReturnSeries JoinOnSessions(
        IReadOnlyList<PricePoint> stock, IReadOnlyList<PricePoint> benchmark, ReturnKind kind, Func<DateOnly, bool> isSession, IReadOnlyList<PricePoint>? fx = null)
    {
        var fxPrices = fx?.Where(p => IsUsablePrice(p.Value)).ToDictionary(p => p.Date, p => p.Value);
        var joined = Join([.. stock.Where(p => isSession(p.Date))], [.. benchmark.Where(p => isSession(p.Date) && (fxPrices?.ContainsKey(p.Date) ?? true))], kind);
        if (fxPrices is null)
        {
            return joined;
        }
        var fxReturns = new double[joined.Count];
        for (var i = 0; i < fxReturns.Length; i++)
        {
            fxReturns[i] = i == 0 ? double.NaN : Return(fxPrices[joined._dates[i - 1]], fxPrices[joined._dates[i]], kind);
        }
        return new ReturnSeries(kind, joined._dates, joined._stockReturns, joined._benchmarkReturns, fxReturns);
    }

    /// <summary>
    /// Inner-joins the two price series on date and computes returns between consecutive joined days.
    /// Both inputs must be strictly ascending by date. Prices that are not positive finite numbers
    /// are treated as absent, like a holiday in that series.
    /// </summary>
    public static ReturnSeries Join(IReadOnlyList<PricePoint> stock, IReadOnlyList<PricePoint> benchmark, ReturnKind kind)
    {
        ArgumentNullException.ThrowIfNull(stock);
        ArgumentNullException.ThrowIfNull(benchmark);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Returns must be Simple or Log.");
        }

        EnsureStrictlyAscending(stock, nameof(stock));
        EnsureStrictlyAscending(benchmark, nameof(benchmark));

        var capacity = Math.Min(stock.Count, benchmark.Count);
        var dates = new DateOnly[capacity];
        var stockReturns = new double[capacity];
        var benchmarkReturns = new double[capacity];

        var count = 0;
        double previousStock = 0, previousBenchmark = 0;
        int s = 0, b = 0;
        while (s < stock.Count && b < benchmark.Count)
        {
            var stockPoint = stock[s];
            var benchmarkPoint = benchmark[b];
            var order = stockPoint.Date.CompareTo(benchmarkPoint.Date);
            if (order < 0)
            {
                s++;
                continue;
            }

            if (order > 0)
            {
                b++;
                continue;
            }

            s++;
            b++;
            if (!IsUsablePrice(stockPoint.Value) || !IsUsablePrice(benchmarkPoint.Value))
            {
                continue;
            }

            dates[count] = stockPoint.Date;
            if (count == 0)
            {
                stockReturns[0] = double.NaN;
                benchmarkReturns[0] = double.NaN;
            }
            else
            {
                stockReturns[count] = Return(previousStock, stockPoint.Value, kind);
                benchmarkReturns[count] = Return(previousBenchmark, benchmarkPoint.Value, kind);
            }

            previousStock = stockPoint.Value;
            previousBenchmark = benchmarkPoint.Value;
            count++;
        }

        if (count < capacity)
        {
            Array.Resize(ref dates, count);
            Array.Resize(ref stockReturns, count);
            Array.Resize(ref benchmarkReturns, count);
        }

        return new ReturnSeries(kind, dates, stockReturns, benchmarkReturns);
    }

    /// <summary>Index of the first joined day on or after <paramref name="date"/>; <see cref="Count"/> when there is none.</summary>
    public int IndexOnOrAfter(DateOnly date)
    {
        var found = Array.BinarySearch(_dates, date);
        return found >= 0 ? found : ~found;
    }

    private static double Return(double previous, double current, ReturnKind kind) =>
        kind == ReturnKind.Log ? Math.Log(current / previous) : current / previous - 1.0;

    private static bool IsUsablePrice(double value) => value > 0 && double.IsFinite(value);

    private static void EnsureStrictlyAscending(IReadOnlyList<PricePoint> series, string name)
    {
        for (var i = 1; i < series.Count; i++)
        {
            if (series[i].Date <= series[i - 1].Date)
            {
                throw new ArgumentException(
                    $"Prices must be strictly ascending by date, but {series[i].Date:yyyy-MM-dd} follows {series[i - 1].Date:yyyy-MM-dd} at index {i}.",
                    name);
            }
        }
    }
}
