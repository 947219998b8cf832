using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MarketContext.TestSupport;
using MarketContext.Web.Cli;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>Files as people bring them, through the HTTP import: each format, each quirk, each refusal.</summary>
public sealed class ImportFormatsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<JsonElement> ImportAsync(string symbol, byte[] body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await (await app.Client.PostAsync($"/api/series/{symbol}/import", content)).JsonAsync(expected);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<List<JsonElement>> PricesAsync(string symbol) =>
        [.. (await app.Client.GetJsonAsync($"/api/series/{symbol}/prices")).EnumerateArray()];

    private async Task<List<string?>> SymbolsAsync() =>
        [.. (await app.Client.GetJsonAsync("/api/series")).EnumerateArray().Select(s => s.Str("symbol"))];

    public static TheoryData<string, string, string> Files => new()
    {
        { "FMTY", "yahoo", "Date,Open,High,Low,Close,Adj Close,Volume\n2021-01-04,10,10.5,9.8,10.2,10.1,100\n2021-01-05,null,null,null,null,null,null\n2021-01-06,10.2,10.6,10,10.4,10.3,200\n" },
        { "FMTS", "stooq", "Date,Open,High,Low,Close,Volume\r\n2021-01-04,10,10.5,9.8,10.2,100\r\n2021-01-06,10.2,10.6,10,10.4,200" },
        { "FMTN", "nasdaq", "Date,Close/Last,Volume,Open,High,Low\n01/06/2021,$10.40,200,$10.20,$10.60,$10.00\n01/04/2021,$10.20,100,$10.00,$10.50,$9.80\n" },
        { "FMTG", "generic", "\uFEFFtimestamp;price\r\n2021-01-04;10,20\r\n2021-01-06;10,40\r\n" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_download_format_is_recognised_and_reported_by_name(string symbol, string format, string text)
    {
        var report = await ImportAsync(symbol, Utf8(text));

        Assert.Equal(format, report.Str("format"));
        Assert.Equal(2, report.GetProperty("inserted").GetInt32());
        var prices = await PricesAsync(symbol);
        Assert.Equal(["2021-01-04", "2021-01-06"], prices.Select(p => p.Str("date")));
        Assert.Equal(10.4, prices[1].GetProperty("close").GetDouble());
    }

    [Fact]
    public async Task Yahoo_null_rows_become_line_numbered_warnings_and_are_skipped()
    {
        var report = await ImportAsync("FMTW", Utf8(Files.Single(f => (string)f[0] == "FMTY")[2].ToString()!));

        var warning = Assert.Single(report.GetProperty("warnings").EnumerateArray());
        Assert.Equal(3, warning.GetProperty("line").GetInt32());
        Assert.Contains("no close", warning.Str("message"), StringComparison.Ordinal);
        Assert.Equal(1, report.GetProperty("warningCount").GetInt32());
    }

    [Fact]
    public async Task Every_row_of_a_long_file_arrives_with_every_field_as_written()
    {
        // Rows are written several to a statement: 209 rows leave whole statements and a remainder, and every
        // seventh row lacks its open and volume, so a value bound into a neighbour's place would show.
        var rows = Enumerable.Range(0, 209).Select(i => (
            Date: new DateOnly(2001, 1, 1).AddDays(i),
            Open: i % 7 == 3 ? (double?)null : 100 + i + 0.125,
            High: 101 + i + 0.25,
            Low: 99 + i + 0.5,
            Close: 100 + i + 0.75,
            AdjClose: 90 + i + 0.0625,
            Volume: i % 7 == 3 ? (long?)null : 1_000_000L + i)).ToList();
        var text = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume\n");
        foreach (var r in rows)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{r.Date:yyyy-MM-dd},{r.Open},{r.High},{r.Low},{r.Close},{r.AdjClose},{r.Volume}\n");
        }

        var report = await ImportAsync("LONGF", Utf8(text.ToString()));

        Assert.Equal(rows.Count, report.GetProperty("inserted").GetInt32());
        var stored = (await app.Client.GetJsonAsync("/api/series/LONGF/prices?limit=1000")).EnumerateArray()
            .Select(p => (
                Date: DateOnly.Parse(p.Str("date")!, System.Globalization.CultureInfo.InvariantCulture),
                Open: Number(p, "open"),
                High: Number(p, "high")!.Value,
                Low: Number(p, "low")!.Value,
                Close: Number(p, "close")!.Value,
                AdjClose: Number(p, "adjClose")!.Value,
                Volume: p.GetProperty("volume").ValueKind == JsonValueKind.Null ? (long?)null : p.GetProperty("volume").GetInt64()))
            .ToList();
        Assert.Equal(rows, stored);
    }

    private static double? Number(JsonElement row, string name) =>
        row.GetProperty(name).ValueKind == JsonValueKind.Null ? null : row.GetProperty(name).GetDouble();

    public static TheoryData<string, byte[], int, string> Refused => new()
    {
        { "empty", [], 1, "empty" },
        { "header only", Encoding.UTF8.GetBytes("Date,Open,High,Low,Close,Adj Close,Volume\r\n"), 1, "no price rows" },
        { "unknown header", Encoding.UTF8.GetBytes("Symbol,Last,Change\nERIC,10,1\n"), 1, "Unknown header" },
        { "bad date", Encoding.UTF8.GetBytes("Date,Close\n2021-01-04,10\n2021-02-30,10\n"), 3, "not a date" },
        { "bad number", Encoding.UTF8.GetBytes("Date,Close\n2021-01-04,10\n2021-01-05,1O.5\n"), 3, "not a number" },
        { "short row", Encoding.UTF8.GetBytes("Date,Open,Close\n2021-01-04,10,10\n2021-01-05,10\n"), 3, "Expected 3 fields" },
        { "same date twice", Encoding.UTF8.GetBytes("Date,Close\n2021-01-04,10\n2021-01-04,11\n"), 3, "appears again" },
        { "html", Encoding.UTF8.GetBytes("<!DOCTYPE html>\n<html><body>Sign in to download</body></html>"), 1, "HTML" },
        { "json", Encoding.UTF8.GetBytes("{\"finance\":{\"error\":{\"code\":\"Unauthorized\"}}}"), 1, "JSON" },
        { "binary", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00], 1, "binary" },
        { "nul inside", Encoding.UTF8.GetBytes("Date,Close\n2021-01-04,10\n2021-01-05,1\00\n"), 3, "binary" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_file_that_cannot_be_trusted_is_a_400_with_its_line_and_not_even_an_instrument_is_stored(string name, byte[] body, int line, string says)
    {
        var symbol = "REF" + (uint)name.GetHashCode() % 100_000;

        var problem = await (await app.Client.PostAsync($"/api/series/{symbol}/import", new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }))
            .ProblemAsync(HttpStatusCode.BadRequest);

        var error = problem.Errors().First();
        Assert.Equal(line, error.GetProperty("line").GetInt32());
        Assert.Contains(says, error.Str("message"), StringComparison.Ordinal);
        Assert.Contains("nothing was stored", problem.Str("detail"), StringComparison.Ordinal);
        Assert.DoesNotContain(symbol, await SymbolsAsync());
    }

    [Fact]
    public async Task A_file_with_hundreds_of_errors_lists_the_first_hundred_and_counts_them_all()
    {
        var text = new StringBuilder("Date,Close");
        for (var i = 0; i < 240; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n{new DateOnly(2001, 1, 1).AddDays(i):yyyy-MM-dd},n/a");
        }

        var problem = await (await app.Client.PostAsync("/api/series/MANY/import", Api.Csv(text.ToString()))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(100, problem.Errors().Count());
        Assert.Contains("240 error(s) (the first 100 are listed)", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(101, problem.Errors().Last().GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task A_large_upload_is_stored_whole_and_again_changes_nothing()
    {
        var csv = Utf8(PriceFixtures.Yahoo(5, 0.0001, rows: 60_000, from: new DateOnly(1800, 1, 6)));

        var first = await ImportAsync("LARGE", csv);
        var again = await ImportAsync("LARGE", csv);

        Assert.Equal(60_000, first.GetProperty("inserted").GetInt32());
        Assert.Equal(0, again.GetProperty("inserted").GetInt32());
        Assert.Equal(0, again.GetProperty("updated").GetInt32());
        Assert.Equal(60_000, again.GetProperty("unchanged").GetInt32());
        var series = (await app.Client.GetJsonAsync("/api/series")).EnumerateArray().Single(s => s.Str("symbol") == "LARGE");
        Assert.Equal(60_000, series.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task The_command_line_draws_a_progress_bar_only_on_a_terminal()
    {
        var path = app.Folder.Combine("TERM.csv");
        File.WriteAllText(path, PriceFixtures.Yahoo(10, 0.001, rows: 10_000, from: new DateOnly(1970, 1, 5)));
        using var onTerminal = new StringWriter();
        using var redirected = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, await CommandLine.RunAsync(["import", path], app.Factory.Services, new StringReader(""), onTerminal, error, terminal: true));
        Assert.Equal(0, await CommandLine.RunAsync(["import", path], app.Factory.Services, new StringReader(""), redirected, error, terminal: false));

        Assert.Contains("\rTERM.csv [", onTerminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("100% 10,000 rows", onTerminal.ToString(), StringComparison.Ordinal);
        var terminalText = onTerminal.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains("TERM.csv: TERM (yahoo) inserted 10000, updated 0, unchanged 0, warnings 0\n  read as: yahoo, utf-8,", terminalText, StringComparison.Ordinal);
        Assert.Contains("close \"Close\", adjusted close \"Adj Close\"\n  calendar XNYS (", terminalText, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', redirected.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Contains("unchanged 10000", redirected.ToString(), StringComparison.Ordinal);
    }
}
