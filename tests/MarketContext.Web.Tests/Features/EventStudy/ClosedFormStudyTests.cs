using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using MarketContext.TestSupport;
using MarketContext.Web.Features.Calendars;
using SkiaSharp;

namespace MarketContext.Web.Tests.Features.EventStudy;

/// <summary>
/// Studies whose answers are known before they are run: prices built from returns chosen so that the market model's
/// α and β are exact, the estimation residuals are a known ±δ, and the abnormal returns of the event window are the
/// shocks put in. Day 0 is 2020-02-13, the catalogue's E25.
/// </summary>
public sealed class ClosedFormStudyTests : IDisposable
{
    private static readonly DateOnly DayZero = new(2020, 2, 13);

    // The benchmark's return repeats every four trading days; the residual alternates +δ, −δ. Over any 4k consecutive
    // days Σ e = 0 and Σ e·Rm = δ·(0.01 − 0.01 − 0.005 + 0.005) = 0: the residuals are orthogonal to 1 and to Rm,
    // so least squares finds exactly the α and β the returns were built with.
    private static readonly double[] MarketPattern = [0.01, 0.01, -0.005, -0.005];

    private static double Market(int day) => MarketPattern[((day % 4) + 4) % 4];

    private static double Residual(int day, double delta) => day % 2 == 0 ? delta : -delta;

    private sealed record Stock(string Symbol, double Alpha, double Beta, double Delta, IReadOnlyDictionary<int, double> Shocks);

    // A: α 0.001, β 1.5, δ 0.002; +5% on day 0, −1% on day 1. B: α −0.0005, β 0.8, δ 0.003; +3% on day 0.
    private static readonly Stock A = new("STKA", 0.001, 1.5, 0.002, new Dictionary<int, double> { [0] = 0.05, [1] = -0.01 });
    private static readonly Stock B = new("STKB", -0.0005, 0.8, 0.003, new Dictionary<int, double> { [0] = 0.03 });

    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly HttpClient _client;

    public ClosedFormStudyTests()
    {
        _factory = MarketContextFactory.In(_folder);
        // Trading day t relative to day 0, from t = −160 (before the estimation window, −130 … −11) to t = +10.
        // The symbols are plain, so taken as New York listings: their days are the New York sessions, as a study counts them.
        var all = Enumerable.Range(0, 400).Select(i => new DateOnly(2019, 6, 3).AddDays(i)).Where(ExchangeCalendars.Find("XNYS")!.IsSession).ToList();
        var zero = all.IndexOf(DayZero);
        var days = Enumerable.Range(-160, 171).Select(t => (Day: t, Date: all[zero + t])).ToList();
        File.WriteAllText(Path.Combine(_factory.PricesDirectory, "MKT.csv"), Prices(days, 100, Market));
        foreach (var stock in new[] { A, B })
        {
            // Outside the event window the residual pattern goes on; inside it the return is the model's plus the shock.
            File.WriteAllText(Path.Combine(_factory.PricesDirectory, stock.Symbol + ".csv"), Prices(days, 20, t =>
                stock.Alpha + stock.Beta * Market(t) + (t is >= -5 and <= 5 ? stock.Shocks.GetValueOrDefault(t) : Residual(t, stock.Delta))));
        }
        _client = _factory.CreateClient();
    }

    private static string Prices(IEnumerable<(int Day, DateOnly Date)> days, double start, Func<int, double> simpleReturn)
    {
        var csv = new StringBuilder("Date,Close\n");
        var price = start;
        foreach (var (day, date) in days)
        {
            price *= 1 + simpleReturn(day);
            csv.Append(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd},{price:R}\n");
        }
        return csv.ToString();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_single_study_finds_the_alpha_beta_abnormal_returns_and_t_it_was_built_with()
    {
        var study = await _client.GetJsonAsync("/api/event-study?symbol=STKA&benchmark=MKT&date=2020-02-13&pre=5&post=5&estimation=120&gap=10");
        var rows = study.GetProperty("rows").EnumerateArray().ToList();

        Assert.Equal("2020-02-13", study.Str("day0"));
        Assert.Equal(0.001, study.GetProperty("alpha").GetDouble(), 9);
        Assert.Equal(1.5, study.GetProperty("beta").GetDouble(), 9);
        // 120 residuals of ±0.002 over n − 2 = 118 degrees of freedom: σ = 0.002·√(120/118) = 0.0020168…
        var sigma = 0.002 * Math.Sqrt(120.0 / 118.0);
        Assert.Equal(sigma, study.GetProperty("sigma").GetDouble(), 9);
        Assert.Equal(Enumerable.Range(-5, 11), rows.Select(r => r.GetProperty("day").GetInt32()));
        // Day 0: Rm = pattern[0] = 0.01, so the expected return is 0.001 + 1.5·0.01 = 0.016 and the return 0.016 + 0.05.
        Assert.Equal(0.016, rows[5].GetProperty("expected").GetDouble(), 9);
        Assert.Equal(0.066, rows[5].GetProperty("return").GetDouble(), 9);
        Assert.Equal([0, 0, 0, 0, 0, 0.05, -0.01, 0, 0, 0, 0], rows.Select(r => Math.Round(r.GetProperty("abnormal").GetDouble(), 9)));
        // CAR[−5, +5] = 0.05 − 0.01 = 0.04, running: 0 until day 0, 0.05 on it, 0.04 from day 1.
        Assert.Equal([0, 0, 0, 0, 0, 0.05, 0.04, 0.04, 0.04, 0.04, 0.04], rows.Select(r => Math.Round(r.GetProperty("car").GetDouble(), 9)));
        Assert.Equal(0.04, study.GetProperty("car").GetDouble(), 9);
        // t = CAR / (σ·√11) = 0.04 / (0.0020168·3.3166) = 5.98; p (Student t, 118 df) is far below 10⁻⁶.
        Assert.Equal(0.04 / (sigma * Math.Sqrt(11)), study.GetProperty("tStat").GetDouble(), 6);
        Assert.InRange(study.GetProperty("pValue").GetDouble(), 0, 1e-6);
    }

    [Fact]
    public async Task The_aggregate_of_two_known_studies_has_their_average_abnormal_returns_and_cross_sectional_t()
    {
        var study = await _client.GetJsonAsync("/api/event-study/aggregate?symbols=STKA,STKB&eventIds=E25&benchmark=MKT&pre=5&post=5&estimation=120&gap=10&returns=simple");
        var pooled = study.GetProperty("samples").EnumerateArray().Single(s => s.Str("name") == "pooled");
        var days = pooled.GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("day").GetInt32());
        static double Statistic(JsonElement day, string test) => day.GetProperty("tests").GetProperty(test).GetProperty("statistic").GetDouble();

        Assert.Equal(2, pooled.GetProperty("n").GetInt32());
        // AAR: day 0 (0.05 + 0.03)/2 = 0.04, day 1 (−0.01 + 0)/2 = −0.005, every other day 0.
        Assert.Equal(0.04, days[0].GetProperty("aar").GetDouble(), 9);
        Assert.Equal(-0.005, days[1].GetProperty("aar").GetDouble(), 9);
        Assert.All(days.Where(d => d.Key is not (0 or 1)), d => Assert.Equal(0, d.Value.GetProperty("aar").GetDouble(), 9));
        // CAAR = 0.04 − 0.005 = 0.035.
        Assert.Equal(0.035, pooled.GetProperty("caar").GetDouble(), 9);
        // Day 0, cross-sectional t: sd(0.05, 0.03) = √((0.01² + 0.01²)/1) = 0.014142; t = 0.04 / (0.014142/√2) = 4.
        Assert.Equal(4, Statistic(days[0], "tTest"), 6);
        // Sign test, day 0: both positive, (2 − 2/2)/√(2/4) = √2.
        Assert.Equal(Math.Sqrt(2), Statistic(days[0], "sign"), 9);
        // Window t-test of CAR_A = 0.04 and CAR_B = 0.03: mean 0.035, sd √((0.005² + 0.005²)/1) = 0.0070711, t = 0.035/(0.0070711/√2) = 7.
        Assert.Equal(7, pooled.GetProperty("carTests").GetProperty("tTest").GetProperty("statistic").GetDouble(), 6);
    }

    [Fact]
    public async Task The_car_chart_draws_the_known_bars_and_says_the_known_figures()
    {
        const string query = "symbol=STKA&benchmark=MKT&date=2020-02-13&pre=5&post=5&estimation=120&gap=10&width=800&height=400";
        var texts = XDocument.Parse(await _client.GetStringAsync("/api/event-study/chart.svg?" + query))
            .Descendants().Where(e => e.Name.LocalName == "text").Select(e => string.Join(' ', e.Value.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))).ToList();
        using var bitmap = SKBitmap.Decode(await _client.GetByteArrayAsync("/api/event-study/chart.png?" + query));

        Assert.Contains(texts, t => t.StartsWith("STKA around", StringComparison.Ordinal) && t.EndsWith("day 0 = 2020-02-13", StringComparison.Ordinal));
        // CAR 0.04, t = 5.98, α = 0.001 a day, β = 1.5 (see the single study above).
        Assert.Contains(texts, t => t.StartsWith("CAR[-5,+5] = +4.00% t = 5.98", StringComparison.Ordinal) && t.Contains("α = 0.100%/day, β = 1.50", StringComparison.Ordinal));
        Assert.Contains("95% band if the event did nothing", texts);

        // Days −5 … +5 span the data area from 64 px to 800 − 24 px, with 0.7 of a day to spare at each end. A bar is 0.6
        // of a day (37 px) wide: look 6 px right of its centre, clear of the line that marks day 0.
        static int Column(int day) => (int)Math.Round(64 + (day + 5.7) / 11.4 * (800 - 64 - 24)) + 6;
        // Bars are drawn at 75% opacity over white: teal #0E7490 for a gain, orange #B45309 for a loss.
        var (gain, loss) = (new SKColor(74, 151, 172), new SKColor(199, 126, 71));
        int Count(int day, SKColor colour) => Enumerable.Range(0, bitmap.Height).Count(y => Close(bitmap.GetPixel(Column(day), y), colour));
        Assert.True(Count(0, gain) > 20, "no +5% bar on day 0");
        Assert.True(Count(1, loss) > 3, "no −1% bar on day 1");
        Assert.Equal(0, Count(0, loss));
        Assert.Equal(0, Count(1, gain));
        Assert.All(new[] { -5, -3, -1, 2, 4 }, day => Assert.Equal((0, 0), (Count(day, gain), Count(day, loss))));
    }

    private static bool Close(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) < 30;
}
