using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Dapper;
using MarketContext.TestSupport;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Prices;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>The event studies' random walks of QQQ, ERIC and NOK, imported at start-up, on a clock the tests move on.</summary>
public sealed class VintagesApp : IDisposable
{
    private readonly TempFolder _folder = new();

    public VintagesApp()
    {
        Factory = MarketContextFactory.In(_folder, clock: Clock);
        PriceFixtures.WriteRandomWalks(Factory.PricesDirectory);
        Client = Factory.Authorize(Factory.CreateClient());
    }

    public ManualTimeProvider Clock { get; } = new();

    public MarketContextFactory Factory { get; }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        _folder.Dispose();
    }
}

public sealed class PriceVintagesTests(VintagesApp app) : IClassFixture<VintagesApp>
{
    private async Task<List<JsonElement>> VintagesAsync(string symbol) =>
        [.. (await app.Client.GetJsonAsync($"/api/series/{symbol}/vintages")).EnumerateArray()];

    private async Task<JsonElement> ImportAsync(string symbol, string csv) =>
        await (await app.Client.PostAsync($"/api/series/{symbol}/import", Api.Csv(csv))).JsonAsync();

    private async Task<byte[]> BytesAsync(string url)
    {
        using var response = await app.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<long> CountAsync(string sql, object parameters)
    {
        await using var connection = await app.Factory.Services.GetRequiredService<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A split re-adjustment: every adjusted close before the split day halved, the closes as they were.</summary>
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
    public async Task A_split_re_adjustment_is_a_vintage_and_asOf_reads_prices_charts_and_studies_as_they_were_before_it()
    {
        var days = PriceFixtures.RandomWalkDays;
        var original = await File.ReadAllTextAsync(Path.Combine(app.Factory.PricesDirectory, "ERIC.csv"));
        const string prices = "/api/series/ERIC/prices?limit=20000";
        const string chart = "/api/chart.csv?symbols=ERIC&from=2019-01-02&to=2020-06-30";
        const string picture = "/api/chart.png?symbols=ERIC&from=2019-01-02&to=2020-06-30&width=800&height=400";
        var study = $"/api/event-study?symbol=ERIC&benchmark=QQQ&date={days[250]:yyyy-MM-dd}";
        var (pricesBefore, chartBefore, studyBefore) = (await app.Client.GetStringAsync(prices), await app.Client.GetStringAsync(chart), await app.Client.GetStringAsync(study));
        var pictureBefore = await BytesAsync(picture);
        var first = (await VintagesAsync("ERIC"))[^1].GetProperty("id").GetInt64();
        app.Clock.Advance(TimeSpan.FromDays(1));
        var between = app.Clock.GetUtcNow().AddHours(-12).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var resplit = Resplit(original, days[200]);

        var report = await ImportAsync("ERIC", resplit);

        Assert.Equal((0, 200, 190), (report.GetProperty("inserted").GetInt32(), report.GetProperty("updated").GetInt32(), report.GetProperty("unchanged").GetInt32()));
        var vintage = (await VintagesAsync("ERIC"))[^1];
        Assert.Equal(report.GetProperty("vintage").GetInt64(), vintage.GetProperty("id").GetInt64());
        Assert.Equal((0, 200, 190), (vintage.GetProperty("inserted").GetInt32(), vintage.GetProperty("revised").GetInt32(), vintage.GetProperty("unchanged").GetInt32()));
        Assert.Equal(("editor", "yahoo", "upload", Sha256(resplit)), (vintage.Str("by"), vintage.Str("producer"), vintage.Str("source"), vintage.Str("sha256")));
        Assert.Equal(200, await CountAsync("select count(*) from price_revisions where symbol = 'ERIC'", new { }));

        Assert.Equal(pricesBefore, await app.Client.GetStringAsync($"{prices}&asOf={first}"));
        Assert.Equal(pricesBefore, await app.Client.GetStringAsync($"{prices}&asOf={between}"));
        var now = (await app.Client.GetJsonAsync(prices)).EnumerateArray().ToList();
        var firstClose = now[0].GetProperty("close").GetDouble();
        Assert.Equal(Math.Round(firstClose / 2, 4), now[0].GetProperty("adjClose").GetDouble());
        Assert.Equal(chartBefore, await app.Client.GetStringAsync($"{chart}&asOf={first}"));
        Assert.NotEqual(chartBefore, await app.Client.GetStringAsync(chart));
        Assert.Equal(pictureBefore, await BytesAsync($"{picture}&asOf={first}"));
        Assert.NotEqual(pictureBefore, await BytesAsync(picture));
        // Vintage by vintage, ERIC's came before QQQ's: the study's moment is the time after both.
        Assert.Equal(studyBefore, await app.Client.GetStringAsync($"{study}&asOf={between}"));
        Assert.NotEqual(studyBefore, await app.Client.GetStringAsync(study));
    }

    [Fact]
    public async Task An_unchanged_re_import_stores_no_rows_and_is_recorded_as_an_unchanged_vintage()
    {
        var csv = PriceFixtures.Yahoo(10, 0.1);
        await ImportAsync("SAME", csv);
        app.Clock.Advance(TimeSpan.FromHours(1));

        var again = await ImportAsync("SAME", csv);

        Assert.Equal((0, 0, 30), (again.GetProperty("inserted").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        var vintages = await VintagesAsync("SAME");
        Assert.Equal(2, vintages.Count);
        Assert.Equal((0, 0, 30), (vintages[1].GetProperty("inserted").GetInt32(), vintages[1].GetProperty("revised").GetInt32(), vintages[1].GetProperty("unchanged").GetInt32()));
        Assert.Equal(vintages[0].Str("sha256"), vintages[1].Str("sha256"));
        Assert.Equal(30, await CountAsync("select count(*) from prices where symbol = 'SAME' and vintage_id = @id", new { id = vintages[0].GetProperty("id").GetInt64() }));
        Assert.Equal(0, await CountAsync("select count(*) from price_revisions where symbol = 'SAME'", new { }));

        // A file on disk is known by its hash before its rows are read.
        var importer = app.Factory.Services.GetRequiredService<PriceImporter>();
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var skipped = await importer.ImportAsync("SAME", file, origin: new VintageOrigin("SAME.csv", AuditLog.CommandLine));
        Assert.Equal((0, 0, 30), (skipped.Inserted, skipped.Updated, skipped.Unchanged));
        Assert.Null(skipped.Evidence);
        var third = (await VintagesAsync("SAME"))[^1];
        Assert.Equal(("SAME.csv", AuditLog.CommandLine, Sha256(csv)), (third.Str("source"), third.Str("by"), third.Str("sha256")));
        Assert.Equal(0, await CountAsync("select count(*) from price_revisions where symbol = 'SAME'", new { }));
    }

    [Theory]
    [InlineData("/api/series/ERIC/prices?asOf=yesterday")]
    [InlineData("/api/series/ERIC/prices?asOf=0")]
    [InlineData("/api/series/ERIC/prices?asOf=999999")]
    [InlineData("/api/series/ERIC/prices?asOf=2999-01-01T00:00:00Z")]
    [InlineData("/api/chart.png?symbols=ERIC&asOf=2020-01-01")]
    [InlineData("/api/chart.csv?symbols=ERIC&asOf=999999")]
    [InlineData("/api/event-study?symbol=ERIC&benchmark=QQQ&date=2020-01-02&asOf=999999")]
    [InlineData("/api/event-study/chart.svg?symbol=ERIC&benchmark=QQQ&date=2020-01-02&asOf=-3")]
    public async Task A_bad_asOf_is_refused_naming_asOf(string url)
    {
        var problem = await (await app.Client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("asOf", Assert.Single(problem.Errors()).Str("field"));
    }

    [Fact]
    public async Task The_caption_names_each_series_producer_and_vintage_date()
    {
        var stooq = "Date,Open,High,Low,Close,Volume\n" + string.Join('\n', PriceFixtures.RandomWalkDays.Take(40).Select((d, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{d:yyyy-MM-dd},{5 + i * 0.1:0.00},{5.2 + i * 0.1:0.00},{4.9 + i * 0.1:0.00},{5.1 + i * 0.1:0.00},{1000 + i}")));
        app.Clock.Advance(TimeSpan.FromDays(3));
        var today = app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal("stooq", (await ImportAsync("STQ", stooq)).Str("format"));

        var svg = XDocument.Parse(await app.Client.GetStringAsync("/api/chart.svg?symbols=STQ&from=2019-01-02&to=2019-03-29&width=2400"));
        var caption = svg.Root!.Elements().First(e => e.Name.LocalName == "desc").Value;

        Assert.Contains($"STQ: Stooq, vintage {today:yyyy-MM-dd}", caption, StringComparison.Ordinal);
        Assert.DoesNotContain("Yahoo", caption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_changed_prices_is_in_the_audit_log()
    {
        var report = await ImportAsync("AUD", PriceFixtures.Yahoo(3, 0.01));

        var entries = await app.Factory.Services.GetRequiredService<AuditLog>().LatestAsync(50);
        var entry = Assert.Single(entries, e => e.Target == "AUD");
        Assert.Equal(("editor", "prices imported"), (entry.Actor, entry.Action));
        Assert.Contains($"vintage {report.GetProperty("vintage").GetInt64()}: 30 inserted", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_vintages_of_an_unknown_series_are_not_found() =>
        await (await app.Client.GetAsync("/api/series/NOPE/vintages")).ProblemAsync(HttpStatusCode.NotFound);
}
