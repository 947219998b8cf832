using System.Globalization;
using System.Net;
using System.Text.Json;
using MarketContext.TestSupport;
using MarketContext.Web.Tests.Features.Prices;

namespace MarketContext.Web.Tests.Features.EventStudy;

/// <summary><c>asOf</c> on the summary and the study across events: after a revised re-import they read the prices as they were.</summary>
public sealed class StudiesAsOfTests(VintagesApp app) : IClassFixture<VintagesApp>
{
    private static readonly string[] Views =
    [
        "/api/event-study/summary?symbols=ERIC&benchmark=QQQ",
        "/api/event-study/summary.csv?symbols=ERIC,NOK&benchmark=QQQ",
        "/api/event-study/aggregate?symbols=ERIC&benchmark=QQQ",
        "/api/event-study/aggregate.csv?symbols=ERIC&benchmark=QQQ&part=members",
        "/api/event-study/aggregate/chart.png?symbols=ERIC&benchmark=QQQ&width=800&height=400",
    ];

    private async Task<string> ReadAsync(string url)
    {
        using var response = await app.Client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        // Read as bytes: a picture compares byte for byte.
        return Convert.ToBase64String(await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<long> LatestVintageAsync() =>
        (await Task.WhenAll(new[] { "QQQ", "ERIC", "NOK" }.Select(s => app.Client.GetJsonAsync($"/api/series/{s}/vintages"))))
            .SelectMany(v => v.EnumerateArray()).Max(v => v.GetProperty("id").GetInt64());

    /// <summary>A split re-adjustment of ERIC: every adjusted close before the split day halved, the closes as they were.</summary>
    private static string Resplit(string csv, DateOnly splitDay) => string.Join('\n', csv.TrimEnd('\n').Split('\n').Select(line =>
    {
        var cells = line.Split(',');
        if (!DateOnly.TryParse(cells[0], CultureInfo.InvariantCulture, out var day) || day >= splitDay)
        {
            return line;
        }
        cells[5] = (double.Parse(cells[4], CultureInfo.InvariantCulture) / 2).ToString("0.0000", CultureInfo.InvariantCulture);
        return string.Join(',', cells);
    })) + "\n";

    [Fact]
    public async Task Summary_and_study_across_events_read_the_earlier_prices_after_a_revised_re_import()
    {
        var before = new List<string>();
        foreach (var view in Views)
        {
            before.Add(await ReadAsync(view));
        }
        var splitDay = PriceFixtures.RandomWalkDays[200];
        var onSplitDay = $"/api/event-study/aggregate?symbols=ERIC&benchmark=QQQ&dates={splitDay:yyyy-MM-dd}";
        var pinned = await LatestVintageAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));
        var between = app.Clock.GetUtcNow().AddHours(-12).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var original = await File.ReadAllTextAsync(Path.Combine(app.Factory.PricesDirectory, "ERIC.csv"));

        using var import = await app.Client.PostAsync("/api/series/ERIC/import", Api.Csv(Resplit(original, splitDay)));
        Assert.Equal(200, (await import.JsonAsync()).GetProperty("updated").GetInt32());

        for (var i = 0; i < Views.Length; i++)
        {
            Assert.Equal(before[i], await ReadAsync($"{Views[i]}&asOf={pinned}"));
            Assert.Equal(before[i], await ReadAsync($"{Views[i]}&asOf={between}"));
            Assert.NotEqual(before[i], await ReadAsync(Views[i]));
        }
        // The halved history doubles the split day's gross return: day 0's abnormal return, and so the CAAR, rises by
        // 1 + that day's own return (about ±2%), in the live study only.
        static double Caar(string study) => JsonDocument.Parse(Convert.FromBase64String(study)).RootElement.GetProperty("samples")[0].GetProperty("caar").GetDouble();
        Assert.InRange(Caar(await ReadAsync(onSplitDay)) - Caar(await ReadAsync($"{onSplitDay}&asOf={pinned}")), 0.97, 1.03);
    }

    [Theory]
    [InlineData("/api/event-study/summary?symbols=ERIC&benchmark=QQQ&asOf=999999")]
    [InlineData("/api/event-study/summary.csv?symbols=ERIC&benchmark=QQQ&asOf=yesterday")]
    [InlineData("/api/event-study/aggregate?symbols=ERIC&benchmark=QQQ&asOf=0")]
    [InlineData("/api/event-study/aggregate.csv?symbols=ERIC&benchmark=QQQ&asOf=2999-01-01T00:00:00Z")]
    [InlineData("/api/event-study/aggregate/chart.png?symbols=ERIC&benchmark=QQQ&asOf=999999")]
    public async Task A_bad_asOf_is_refused_naming_asOf(string url)
    {
        var problem = await (await app.Client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("asOf", Assert.Single(problem.Errors()).Str("field"));
    }
}
