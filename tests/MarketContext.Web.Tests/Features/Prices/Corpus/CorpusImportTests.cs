using System.Net.Http.Headers;
using MarketContext.TestSupport;
using MarketContext.Web.Cli;
using MarketContext.Web.Features.Prices;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Prices.Corpus;

/// <summary>
/// Every file of the real corpus imports exactly: every row's date and close, and open, high, low, adjusted close
/// and volume where the file has them, as <see cref="CorpusFile.Expected"/> reads them independently of the importer.
/// </summary>
public sealed class CorpusImportTests(AppFixture app) : IClassFixture<AppFixture>
{
    public static TheoryData<CorpusFile> Files => new(CorpusFile.All);

    private static string SymbolOf(CorpusFile file, string suffix = "") => "C" + file.Name[..2] + suffix;

    private async Task<IReadOnlyList<PriceBar>> StoredAsync(string symbol) =>
        await app.Factory.Services.GetRequiredService<PriceQueries>().PricesAsync(symbol, DateOnly.MinValue, DateOnly.MaxValue, after: DateOnly.MinValue, take: int.MaxValue);

    private static void AssertSameRows(IReadOnlyList<PriceBar> expected, IReadOnlyList<PriceBar> stored)
    {
        var ordered = expected.OrderBy(b => b.Date).ToList();
        Assert.Equal(ordered.Count, stored.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            Assert.Equal(ordered[i], stored[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_hand_written_expectation_matches_the_file_as_read_by_eye(CorpusFile file)
    {
        var rows = file.Expected();

        Assert.Equal(file.Rows, rows.Count);
        Assert.Equal(DateOnly.Parse(file.FirstDate, System.Globalization.CultureInfo.InvariantCulture), rows[0].Date);
        Assert.Equal(file.FirstClose, rows[0].Close);
        Assert.Equal(DateOnly.Parse(file.LastDate, System.Globalization.CultureInfo.InvariantCulture), rows[^1].Date);
        Assert.Equal(file.LastClose, rows[^1].Close);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_corpus_file_imports_exactly_through_the_importer(CorpusFile file)
    {
        var importer = app.Factory.Services.GetRequiredService<PriceImporter>();
        var symbol = SymbolOf(file);
        await using var stream = File.OpenRead(CorpusFolder.File(file.Name));

        var report = await importer.ImportAsync(symbol, stream);

        Assert.Equal(file.Rows, report.Inserted);
        AssertSameRows(file.Expected(), await StoredAsync(symbol));
    }

    [Fact]
    public async Task Semicolon_file_with_decimal_commas_reads_a_comma_less_close_as_thousands_over_http()
    {
        var file = CorpusFile.All.Single(f => f.Name.StartsWith("27-", StringComparison.Ordinal));
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(CorpusFolder.File(file.Name)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent { { content, "file", file.Name } };

        var report = await (await app.Client.PostAsync($"/api/series/{SymbolOf(file, "H")}/import", form)).JsonAsync();

        Assert.Equal(file.Rows, report.GetProperty("inserted").GetInt32());
        var evidence = report.GetProperty("evidence");
        Assert.Equal("ariva", evidence.Str("producer"));
        Assert.Equal(";", evidence.Str("delimiter"));
        Assert.Equal(",", evidence.Str("decimalSeparator"));
        Assert.Equal(".", evidence.Str("thousandsSeparator"));
        Assert.Equal("Schlusskurs", evidence.Str("closeColumn"));
        var stored = await StoredAsync(SymbolOf(file, "H"));
        // "10.038" on the line of 2015-09-04: ten thousand and thirty-eight, never ten.
        Assert.Equal(10038, stored.Single(b => b.Date == new DateOnly(2015, 9, 4)).Close);
        AssertSameRows(file.Expected(), stored);
    }

    [Fact]
    public async Task Chart_export_with_a_preamble_line_imports_exactly_on_the_command_line()
    {
        var file = CorpusFile.All.Single(f => f.Name.StartsWith("29-", StringComparison.Ordinal));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLine.RunAsync(["import", CorpusFolder.File(file.Name), "--symbol", SymbolOf(file, "L")],
            app.Factory.Services, new StringReader(""), output, error);

        Assert.Equal(0, code);
        Assert.Contains($"inserted {file.Rows}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("preamble line 1", output.ToString(), StringComparison.Ordinal);
        AssertSameRows(file.Expected(), await StoredAsync(SymbolOf(file, "L")));
    }

    [Theory]
    [InlineData("13-", "day/month", "Date", "Price", null)]
    [InlineData("04-", "month/day", "Date", "Close", "Adj Close")]
    [InlineData("28-", "year first", "", "NOK.Close", "NOK.Adjusted")]
    [InlineData("26-", "year first", "timestamp", "close", "adjusted_close")]
    [InlineData("25-", "month/day", "Time", "Last", null)]
    public void The_evidence_names_the_date_order_and_the_close_columns(string prefix, string order, string dateColumn, string close, string? adjusted)
    {
        var file = CorpusFile.All.Single(f => f.Name.StartsWith(prefix, StringComparison.Ordinal));
        using var stream = File.OpenRead(CorpusFolder.File(file.Name));

        var evidence = PriceCsvReader.Read(stream).Evidence;

        Assert.Equal(order, evidence.DateOrder);
        Assert.Equal(dateColumn == "" ? "column 1 (unnamed)" : dateColumn, evidence.DateColumn);
        Assert.Equal(close, evidence.CloseColumn);
        Assert.Equal(adjusted, evidence.AdjCloseColumn);
    }

    [Fact]
    public void Preamble_header_and_footer_lines_are_reported()
    {
        static Web.Features.Prices.Reading.ImportEvidence Evidence(string prefix)
        {
            using var stream = File.OpenRead(CorpusFolder.File(CorpusFile.All.Single(f => f.Name.StartsWith(prefix, StringComparison.Ordinal)).Name));
            return PriceCsvReader.Read(stream).Evidence;
        }

        Assert.Equal([1, 2, 3, 4], Evidence("08-").PreambleLines);
        Assert.Equal([1, 2, 3], Evidence("07-").HeaderLines);
        Assert.Equal([5370], Evidence("25-").FooterLines);
        Assert.Equal("utf-8 with byte order mark", Evidence("10-").Encoding);
        Assert.Contains("with a time and zone", Evidence("06-").DateFormat, StringComparison.Ordinal);
        Assert.Equal("MMM dd, yyyy", Evidence("10-").DateFormat);
        Assert.Equal("M/d/yy", Evidence("29-").DateFormat);
    }
}
