using System.Net;
using MarketContext.TestSupport;
using MarketContext.Web.Cli;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>The online refresh against a local server that answers what each test recorded.</summary>
public sealed class PriceRefreshFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public RecordedPriceServer Source { get; private set; } = null!;
    public MarketContextFactory Factory { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public TempFolder Folder => _folder;

    public static Dictionary<string, string?> Settings(string baseUrl, string provider = "yahoo", int circuitBreakerMinimumThroughput = 1000) => new()
    {
        // Out of the way unless a test is about it: these tests fail the source on purpose, one after another.
        ["MarketContext:PriceSource:CircuitBreakerMinimumThroughput"] = circuitBreakerMinimumThroughput.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MarketContext:PriceSource:Provider"] = provider,
        ["MarketContext:PriceSource:BaseUrl"] = baseUrl,
        ["MarketContext:PriceSource:TimeoutSeconds"] = "1",
        ["MarketContext:PriceSource:Retries"] = "2",
        ["MarketContext:PriceSource:RetryDelayMilliseconds"] = "20",
    };

    public async Task InitializeAsync()
    {
        Source = await RecordedPriceServer.StartAsync();
        Factory = MarketContextFactory.In(_folder, Settings(Source.BaseUrl));
        PriceFixtures.WriteStandardSeries(Factory.PricesDirectory);
        Client = Factory.Authorize(Factory.CreateClient());
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Source.DisposeAsync();
        _folder.Dispose();
    }
}

public sealed class PriceRefreshTests : IClassFixture<PriceRefreshFixture>
{
    private static readonly DateOnly From = new(2020, 12, 1);
    private readonly PriceRefreshFixture _app;

    public PriceRefreshTests(PriceRefreshFixture app)
    {
        _app = app;
        app.Source.Reset();
    }

    private Task<HttpResponseMessage> RefreshAsync(string symbol, string? from = "2020-12-01") =>
        _app.Client.PostAsync($"/api/series/{symbol}/refresh{(from is null ? "" : "?from=" + from)}", null);

    private async Task<List<string?>> SymbolsAsync() =>
        [.. (await _app.Client.GetJsonAsync("/api/series")).EnumerateArray().Select(s => s.Str("symbol"))];

    private static long Unix(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();

    [Fact]
    public async Task Refresh_stores_the_days_the_source_answers_and_reports_them()
    {
        _app.Source.Enqueue(200, RecordedPriceServer.Chart("RFA", From, 5, 10, 0.5));

        var report = await (await RefreshAsync("rfa")).JsonAsync();

        Assert.Equal("RFA", report.Str("symbol"));
        Assert.Equal("yahoo", report.Str("format"));
        Assert.Equal(5, report.GetProperty("inserted").GetInt32());
        var prices = (await _app.Client.GetJsonAsync("/api/series/RFA/prices")).EnumerateArray().ToList();
        Assert.Equal(["2020-12-01", "2020-12-02", "2020-12-03", "2020-12-04", "2020-12-07"], prices.Select(p => p.Str("date")));
        Assert.Equal(12.0, prices[^1].GetProperty("close").GetDouble());
        Assert.Equal(10.8, prices[^1].GetProperty("adjClose").GetDouble(), 6);
        var request = Assert.Single(_app.Source.Requests);
        Assert.StartsWith("/v8/finance/chart/RFA?", request, StringComparison.Ordinal);
        Assert.Contains($"period1={Unix(From)}", request, StringComparison.Ordinal);
        Assert.Contains("interval=1d", request, StringComparison.Ordinal);
        Assert.Contains("events=div%2Csplit", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refreshing_the_same_days_again_changes_nothing_and_asks_from_shortly_before_the_last_day()
    {
        var chart = RecordedPriceServer.Chart("RFB", From, 5, 10, 0.5);
        _app.Source.AnswerAlways(200, chart);
        await (await RefreshAsync("RFB")).JsonAsync();

        var again = await (await RefreshAsync("RFB", from: null)).JsonAsync();

        Assert.Equal(0, again.GetProperty("inserted").GetInt32());
        Assert.Equal(0, again.GetProperty("updated").GetInt32());
        Assert.Equal(5, again.GetProperty("unchanged").GetInt32());
        Assert.Contains($"period1={Unix(new DateOnly(2020, 12, 7).AddDays(-10))}", _app.Source.Requests[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_is_retried_and_the_second_answer_stored()
    {
        _app.Source.Enqueue(503, "<html>busy</html>", "text/html");
        _app.Source.Enqueue(200, RecordedPriceServer.Chart("RFC", From, 3, 10, 0.5));

        var report = await (await RefreshAsync("RFC")).JsonAsync();

        Assert.Equal(3, report.GetProperty("inserted").GetInt32());
        Assert.Equal(2, _app.Source.Requests.Count);
    }

    [Fact]
    public async Task A_Retry_After_answer_is_waited_for_before_the_next_attempt()
    {
        _app.Source.Enqueue(429, "slow down", "text/plain", headers: new Dictionary<string, string> { ["Retry-After"] = "1" });
        _app.Source.Enqueue(200, RecordedPriceServer.Chart("RFR", From, 3, 10, 0.5));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var report = await (await RefreshAsync("RFR")).JsonAsync();

        // The configured first delay is 20 ms; the source asked for a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(3, report.GetProperty("inserted").GetInt32());
        Assert.Equal(2, _app.Source.Requests.Count);
    }

    [Fact]
    public async Task Persistent_server_errors_end_in_a_clear_502_and_store_nothing()
    {
        _app.Source.AnswerAlways(500, "oops", "text/plain");

        var problem = await (await RefreshAsync("RFD")).ProblemAsync(HttpStatusCode.BadGateway);

        Assert.Contains("failed 3 time(s)", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("500", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(3, _app.Source.Requests.Count);
        Assert.DoesNotContain("RFD", await SymbolsAsync());
    }

    [Fact]
    public async Task A_source_that_never_answers_in_time_is_a_504_after_the_retries()
    {
        _app.Source.AnswerAlways(200, RecordedPriceServer.Chart("RFE", From, 3, 10, 0.5), delay: TimeSpan.FromSeconds(5));

        var problem = await (await RefreshAsync("RFE")).ProblemAsync(HttpStatusCode.GatewayTimeout);

        Assert.Contains("did not answer within 1 s", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(3, _app.Source.Requests.Count);
        Assert.DoesNotContain("RFE", await SymbolsAsync());
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "<!DOCTYPE html><html><body>Consent required</body></html>", "HTML" },
        { "{\"chart\":{\"result\":[{\"timestamp\":[1606833000", "not valid JSON" },
        { "{\"chart\":{\"result\":[{\"timestamp\":[1606833000,1606919400],\"indicators\":{\"quote\":[{\"close\":[10.5]}]}}]}}", "2 days" },
        { "{\"chart\":{\"result\":[{\"timestamp\":[1606833000],\"indicators\":{\"quote\":[{\"close\":[-3]}]}}]}}", "not a positive price" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_answer_is_refused_and_nothing_is_stored(string body, string says)
    {
        var symbol = $"RFM{Math.Abs(body.GetHashCode()) % 1000}";
        _app.Source.AnswerAlways(200, body);

        var problem = await (await RefreshAsync(symbol)).ProblemAsync(HttpStatusCode.BadGateway);

        Assert.Contains("nothing was stored", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains(problem.Errors(), e => e.Str("message")!.Contains(says, StringComparison.Ordinal));
        Assert.DoesNotContain(symbol, await SymbolsAsync());
    }

    [Fact]
    public async Task An_unknown_symbol_is_a_404_in_the_sources_words()
    {
        _app.Source.AnswerAlways(404, """{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}""");

        var problem = await (await RefreshAsync("NOSUCH")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("No data found, symbol may be delisted", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Single(_app.Source.Requests);
    }

    [Fact]
    public async Task Refresh_needs_an_editor()
    {
        using var anonymous = _app.Factory.CreateClient();
        using var viewer = _app.Factory.Authorize(_app.Factory.CreateClient(), "refresh-viewer", "viewer");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/series/ERIC/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/series/ERIC/refresh", null)).StatusCode);
        Assert.Empty(_app.Source.Requests);
    }

    [Fact]
    public async Task Fetch_verb_imports_each_symbol_through_the_same_importer_and_prints_the_report()
    {
        _app.Source.Enqueue(200, RecordedPriceServer.Chart("RFF", From, 4, 20, 1));
        _app.Source.Enqueue(200, RecordedPriceServer.Chart("RFG", From, 2, 30, 1));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLine.RunAsync(["fetch", "RFF", "rfg", "--from", "2020-12-01"], _app.Factory.Services, new StringReader(""), output, error);

        Assert.Equal(0, code);
        Assert.Equal("", error.ToString());
        Assert.Contains("RFF: RFF (yahoo) inserted 4, updated 0, unchanged 0", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("RFG: RFG (yahoo) inserted 2", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\r', output.ToString());
    }

    [Fact]
    public async Task Fetch_verb_with_a_failing_source_exits_1_saying_why()
    {
        _app.Source.AnswerAlways(502, "bad gateway", "text/plain");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLine.RunAsync(["fetch", "RFH"], _app.Factory.Services, new StringReader(""), output, error);

        Assert.Equal(1, code);
        Assert.Contains("RFH:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("502", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("RFH", await SymbolsAsync());
    }
}

/// <summary>Sources that cannot be reached, and the Stooq flavour, each on an app of its own.</summary>
public sealed class PriceSourceSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_refused_connection_is_reported_as_offline_and_changes_nothing()
    {
        using var factory = MarketContextFactory.In(_folder, PriceRefreshFixture.Settings(RecordedPriceServer.RefusingUrl()));
        using var client = factory.Authorize(factory.CreateClient());

        var problem = await (await client.PostAsync("/api/series/OFF/refresh", null)).ProblemAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Contains("offline", problem.Str("detail"), StringComparison.Ordinal);
        Assert.DoesNotContain((await client.GetJsonAsync("/api/series")).EnumerateArray(), s => s.Str("symbol") == "OFF");
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(1, await CommandLine.RunAsync(["fetch", "OFF"], factory.Services, new StringReader(""), output, error));
        Assert.Contains("offline", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_that_keeps_failing_opens_the_circuit_and_is_not_asked_again_for_a_while()
    {
        await using var source = await RecordedPriceServer.StartAsync();
        source.AnswerAlways(500, "down", "text/plain");
        using var factory = MarketContextFactory.In(_folder, PriceRefreshFixture.Settings(source.BaseUrl, circuitBreakerMinimumThroughput: 2));
        using var client = factory.Authorize(factory.CreateClient());

        var first = await (await client.PostAsync("/api/series/CBA/refresh", null)).ProblemAsync(HttpStatusCode.BadGateway);
        var askedByFirst = source.Requests.Count;
        var second = await (await client.PostAsync("/api/series/CBA/refresh", null)).ProblemAsync(HttpStatusCode.BadGateway);

        // Two failures out of two open the circuit: the third attempt and the whole second refresh never reach the source.
        Assert.Equal(2, askedByFirst);
        Assert.Contains("not asked again", first.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("not asked again", second.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(2, source.Requests.Count);
    }

    [Fact]
    public async Task Stooq_csv_download_is_imported_as_stooq()
    {
        await using var source = await RecordedPriceServer.StartAsync();
        source.Enqueue(200, "Date,Open,High,Low,Close,Volume\n2020-12-01,10,11,9,10.5,100\n2020-12-02,10.5,11.5,10,11,200\n", "text/csv");
        using var factory = MarketContextFactory.In(_folder, PriceRefreshFixture.Settings(source.BaseUrl, provider: "stooq"));
        using var client = factory.Authorize(factory.CreateClient());

        var report = await (await client.PostAsync("/api/series/STQ/refresh?from=2020-12-01", null)).JsonAsync();

        Assert.Equal("stooq", report.Str("format"));
        Assert.Equal(2, report.GetProperty("inserted").GetInt32());
        var request = Assert.Single(source.Requests);
        Assert.StartsWith("/q/d/l/?s=stq.us&d1=20201201&d2=", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stooqs_no_data_answer_is_refused()
    {
        await using var source = await RecordedPriceServer.StartAsync();
        source.Enqueue(200, "No data", "text/plain");
        using var factory = MarketContextFactory.In(_folder, PriceRefreshFixture.Settings(source.BaseUrl, provider: "stooq"));
        using var client = factory.Authorize(factory.CreateClient());

        var problem = await (await client.PostAsync("/api/series/STN/refresh", null)).ProblemAsync(HttpStatusCode.BadGateway);

        Assert.Contains("No data", Assert.Single(problem.Errors()).Str("message"), StringComparison.Ordinal);
    }
}
