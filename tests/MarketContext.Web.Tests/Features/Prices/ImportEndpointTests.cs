using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Prices;

public sealed class ImportEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Header = PriceFixtures.YahooHeader;

    // Five rows; the third has a zero open and the fifth a negative adjusted close (lines 4 and 6).
    private const string FiveRows = $"""
        {Header}
        2021-01-04,10.00,10.50,9.80,10.20,10.10,100
        2021-01-05,10.20,10.60,10.00,10.40,10.30,200
        2021-01-06,0,10.70,10.10,10.50,10.40,300
        2021-01-07,10.50,10.90,10.30,10.80,10.70,400
        2021-01-08,10.80,11.00,10.60,10.90,-1.5,500
        """;

    private async Task<JsonElement> ImportAsync(string symbol, HttpContent content, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await app.Client.PostAsync($"/api/series/{symbol}/import", content)).JsonAsync(expected);

    private async Task<List<JsonElement>> PricesAsync(string symbol) =>
        [.. (await app.Client.GetJsonAsync($"/api/series/{symbol}/prices")).EnumerateArray()];

    private async Task<List<string?>> SymbolsAsync() =>
        [.. (await app.Client.GetJsonAsync("/api/series")).EnumerateArray().Select(s => s.Str("symbol"))];

    private static MultipartFormDataContent Form(string csv, string field = "file")
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, field, "prices.csv" } };
    }

    [Fact]
    public async Task Csv_body_is_imported_and_reported()
    {
        var report = await ImportAsync("imp1", Api.Csv(FiveRows));

        Assert.Equal("IMP1", report.Str("symbol"));
        Assert.Equal("yahoo", report.Str("format"));
        Assert.Equal(5, report.GetProperty("inserted").GetInt32());
        Assert.Equal(0, report.GetProperty("updated").GetInt32());
        Assert.Equal(0, report.GetProperty("unchanged").GetInt32());
        var warnings = report.GetProperty("warnings").EnumerateArray().ToList();
        Assert.Equal([4, 6], warnings.Select(w => w.GetProperty("line").GetInt32()));
        Assert.All(warnings, w => Assert.False(string.IsNullOrWhiteSpace(w.Str("message"))));

        var prices = await PricesAsync("IMP1");
        Assert.Equal(["2021-01-04", "2021-01-05", "2021-01-06", "2021-01-07", "2021-01-08"], prices.Select(p => p.Str("date")));
        Assert.True(prices[2].IsNull("open"));
        Assert.True(prices[4].IsNull("adjClose"));
        Assert.Equal(10.9, prices[4].GetProperty("close").GetDouble());
        var series = (await app.Client.GetJsonAsync("/api/series")).EnumerateArray().Single(s => s.Str("symbol") == "IMP1");
        Assert.Equal(5, series.GetProperty("count").GetInt32());
        Assert.Equal("other", series.Str("role"));
    }

    [Fact]
    public async Task Multipart_file_field_is_imported()
    {
        var report = await ImportAsync("IMP2", Form(FiveRows));

        Assert.Equal("yahoo", report.Str("format"));
        Assert.Equal(5, report.GetProperty("inserted").GetInt32());
        Assert.Equal(5, (await PricesAsync("IMP2")).Count);
    }

    [Fact]
    public async Task Multipart_without_a_file_field_is_a_400_problem()
    {
        var problem = await (await app.Client.PostAsync("/api/series/IMP3/import", Form(FiveRows, field: "upload"))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("file", Assert.Single(problem.Errors()).Str("field"));
        Assert.DoesNotContain("IMP3", await SymbolsAsync());
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        await ImportAsync("IMP4", Api.Csv(FiveRows));

        var again = await ImportAsync("IMP4", Api.Csv(FiveRows));

        Assert.Equal(0, again.GetProperty("inserted").GetInt32());
        Assert.Equal(0, again.GetProperty("updated").GetInt32());
        Assert.Equal(5, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(5, (await PricesAsync("IMP4")).Count);
    }

    [Fact]
    public async Task Corrected_file_updates_exactly_the_changed_rows()
    {
        await ImportAsync("IMP5", Api.Csv(FiveRows));
        var corrected = FiveRows
            .Replace("2021-01-05,10.20,10.60,10.00,10.40,10.30,200", "2021-01-05,10.20,10.60,10.00,10.45,10.35,200", StringComparison.Ordinal)
            .Replace("2021-01-07,10.50,10.90,10.30,10.80,10.70,400", "2021-01-07,10.50,10.90,10.30,10.80,10.70,444", StringComparison.Ordinal)
            + "\n2021-01-11,10.90,11.20,10.80,11.10,11.00,600";

        var report = await ImportAsync("IMP5", Api.Csv(corrected));

        Assert.Equal(1, report.GetProperty("inserted").GetInt32());
        Assert.Equal(2, report.GetProperty("updated").GetInt32());
        Assert.Equal(3, report.GetProperty("unchanged").GetInt32());
        var prices = (await PricesAsync("IMP5")).ToDictionary(p => p.Str("date")!);
        Assert.Equal(6, prices.Count);
        Assert.Equal(10.45, prices["2021-01-05"].GetProperty("close").GetDouble());
        Assert.Equal(10.35, prices["2021-01-05"].GetProperty("adjClose").GetDouble());
        Assert.Equal(444, prices["2021-01-07"].GetProperty("volume").GetInt64());
        Assert.Equal(10.2, prices["2021-01-04"].GetProperty("close").GetDouble());
    }

    [Fact]
    public async Task Nasdaq_download_is_imported_oldest_first()
    {
        const string nasdaq = "Date,Close/Last,Volume,Open,High,Low\n01/05/2021,$10.40,200,$10.20,$10.60,$10.00\n01/04/2021,$10.20,100,$10.00,$10.50,$9.80\n";

        var report = await ImportAsync("IMP6", Api.Csv(nasdaq));

        Assert.Equal("nasdaq", report.Str("format"));
        Assert.Equal(["2021-01-04", "2021-01-05"], (await PricesAsync("IMP6")).Select(p => p.Str("date")));
    }

    public static TheoryData<string, int> RefusedFiles => new()
    {
        { $"{Header}\n2021-01-04,10,10.5,9.8,10.2,10.1,100\n2021-01-05,10,10.5,9.8,ten,10.1,100\n", 3 },
        { $"{Header}\n2021-01-04,10,10.5,9.8,10.2,10.1,100\n2021-01-04,10,10.5,9.8,10.3,10.1,100\n", 3 },
        { $"{Header}\n2021-01-04,10,10.5,9.8,10.2,10.1,100\n04.01.2021x,10,10.5,9.8,10.2,10.1,100\n", 3 },
        { "<html><body>Rate limited</body></html>", 1 },
        { "{\"error\":\"not found\"}", 1 },
        { Header + "\n", 1 },
        { "", 1 },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task Refused_file_is_a_400_problem_with_line_numbers_and_stores_nothing(string csv, int line)
    {
        var symbol = $"BAD{Math.Abs(csv.GetHashCode()) % 100000}";

        var response = await app.Client.PostAsync($"/api/series/{symbol}/import", Api.Csv(csv));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var error = problem.Errors().First();
        Assert.Equal(line, error.GetProperty("line").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.Str("message")));
        Assert.DoesNotContain(symbol, await SymbolsAsync());
        await (await app.Client.GetAsync($"/api/series/{symbol}/prices")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Refused_file_leaves_an_existing_series_as_it_was()
    {
        await ImportAsync("IMP7", Api.Csv(FiveRows));
        var broken = FiveRows.Replace("10.40,10.30,200", "10.99,10.30,200", StringComparison.Ordinal) + "\n2021-01-11,1,1,1,x,1,1";

        var problem = await (await app.Client.PostAsync("/api/series/IMP7/import", Api.Csv(broken))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(7, problem.Errors().Single().GetProperty("line").GetInt32());
        var prices = await PricesAsync("IMP7");
        Assert.Equal(5, prices.Count);
        Assert.Equal(10.4, prices[1].GetProperty("close").GetDouble());
    }

    [Fact]
    public async Task Bad_symbol_is_a_400_problem()
    {
        var problem = await (await app.Client.PostAsync("/api/series/NOT%20A%20SYMBOL/import", Api.Csv(FiveRows))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("symbol", Assert.Single(problem.Errors()).Str("field"));
    }
}

public sealed class ImportSizeLimitTests : IDisposable
{
    private const long Limit = 1024;
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly HttpClient _client;

    public ImportSizeLimitTests()
    {
        _factory = MarketContextFactory.In(_folder, new Dictionary<string, string?> { ["MarketContext:MaxImportBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _client = _factory.Authorize(_factory.CreateClient());
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    // 60 rows of about 45 bytes: well over 1 KB.
    private static readonly string Big = PriceFixtures.Yahoo(10, 0.01, rows: 60);

    private async Task<List<string?>> SymbolsAsync() =>
        [.. (await _client.GetJsonAsync("/api/series")).EnumerateArray().Select(s => s.Str("symbol"))];

    [Fact]
    public async Task Csv_body_over_the_limit_is_a_413_and_stores_nothing()
    {
        Assert.True(Encoding.UTF8.GetByteCount(Big) > Limit);

        var problem = await (await _client.PostAsync("/api/series/BIG1/import", Api.Csv(Big))).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("1,024", problem.Str("detail"), StringComparison.Ordinal);
        Assert.DoesNotContain("BIG1", await SymbolsAsync());
    }

    [Fact]
    public async Task Multipart_file_over_the_limit_is_a_413_and_stores_nothing()
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Big));
        var form = new MultipartFormDataContent { { file, "file", "BIG2.csv" } };

        await (await _client.PostAsync("/api/series/BIG2/import", form)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.DoesNotContain("BIG2", await SymbolsAsync());
    }

    [Fact]
    public async Task File_under_the_limit_is_imported()
    {
        var small = PriceFixtures.Yahoo(10, 0.01, rows: 5);
        Assert.True(Encoding.UTF8.GetByteCount(small) < Limit);

        var report = await (await _client.PostAsync("/api/series/SMALL/import", Api.Csv(small))).JsonAsync();

        Assert.Equal(5, report.GetProperty("inserted").GetInt32());
    }
}

/// <summary>The same import over a real Kestrel connection, where the server enforces the body limit itself.</summary>
public sealed class ImportOverKestrelTests : IDisposable
{
    private const long Limit = 1024;
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly HttpClient _client;

    public ImportOverKestrelTests()
    {
        _factory = MarketContextFactory.In(_folder, new Dictionary<string, string?> { ["MarketContext:MaxImportBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _client = new HttpClient { BaseAddress = new Uri(_factory.StartKestrel()) };
        _factory.Authorize(_client);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Csv_body_is_imported()
    {
        var report = await (await _client.PostAsync("/api/series/KES1/import", Api.Csv(PriceFixtures.Yahoo(10, 0.01, rows: 5)))).JsonAsync();

        Assert.Equal(5, report.GetProperty("inserted").GetInt32());
        Assert.Equal(5, (await _client.GetJsonAsync("/api/series/KES1/prices")).GetArrayLength());
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_a_413_and_stores_nothing()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(PriceFixtures.Yahoo(10, 0.01, rows: 60))));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/series/KES2/import") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await (await _client.SendAsync(request)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.DoesNotContain((await _client.GetJsonAsync("/api/series")).EnumerateArray(), s => s.Str("symbol") == "KES2");
    }
}
