using System.Text;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Tests.Features.Prices;

public sealed class PriceCsvReaderTests
{
    private const string YahooHeader = "Date,Open,High,Low,Close,Adj Close,Volume";

    private static PriceFile Read(string text) => PriceCsvReader.Read(new StringReader(text));

    private static PriceFile Read(byte[] bytes) => PriceCsvReader.Read(new MemoryStream(bytes));

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Yahoo_file_keeps_every_row_with_its_values()
    {
        var file = Read("""
            Date,Open,High,Low,Close,Adj Close,Volume
            2020-04-08,8.10,8.25,8.00,8.20,8.05,1200300
            2020-04-09,8.30,8.55,8.28,8.50,8.35,2400100
            """);

        Assert.True(file.IsTrusted);
        Assert.Equal("yahoo", file.Format);
        Assert.Empty(file.Warnings);
        Assert.Equal(
            [
                new PriceBar(D("2020-04-08"), 8.10, 8.25, 8.00, 8.20, 8.05, 1200300),
                new PriceBar(D("2020-04-09"), 8.30, 8.55, 8.28, 8.50, 8.35, 2400100),
            ],
            file.Bars);
    }

    [Fact]
    public void Zero_open_from_the_1980s_is_stored_as_empty_with_a_warning_on_its_line()
    {
        var file = Read($"{YahooHeader}\n1981-08-21,0.78,0.80,0.77,0.79,0.015,1000\n1981-08-24,0.000000,0.812500,0.781250,0.781250,0.014595,48000\n");

        Assert.True(file.IsTrusted);
        var bar = Assert.Single(file.Bars, b => b.Date == D("1981-08-24"));
        Assert.Null(bar.Open);
        Assert.Equal(0.78125, bar.Close);
        Assert.Equal(0.8125, bar.High);
        Assert.Equal(0.014595, bar.AdjClose);
        var warning = Assert.Single(file.Warnings);
        Assert.Equal(3, warning.Line);
        Assert.Contains("Open", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_adjusted_close_is_stored_as_empty_and_the_close_kept()
    {
        var file = Read($"{YahooHeader}\n1981-08-25,0.781250,0.781250,0.781250,0.781250,-0.014595,0\n");

        Assert.True(file.IsTrusted);
        var bar = Assert.Single(file.Bars);
        Assert.Null(bar.AdjClose);
        Assert.Equal(0.78125, bar.Close);
        Assert.Equal(0.78125, bar.Open);
        Assert.Equal(0L, bar.Volume);
        var warning = Assert.Single(file.Warnings);
        Assert.Equal(2, warning.Line);
        Assert.Contains("Adj Close", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void First_Ericsson_row_loses_open_and_adjusted_close_but_keeps_close()
    {
        var file = Read($"{YahooHeader}\n1981-08-24,0.000000,0.812500,0.781250,0.781250,-0.014595,48000");

        var bar = Assert.Single(file.Bars);
        Assert.Equal(new PriceBar(D("1981-08-24"), null, 0.8125, 0.78125, 0.78125, null, 48000), bar);
        Assert.Equal(2, file.WarningCount);
        Assert.All(file.Warnings, w => Assert.Equal(2, w.Line));
    }

    [Fact]
    public void File_without_trailing_newline_keeps_its_last_row()
    {
        var file = Read($"{YahooHeader}\n2020-12-10,12.23,12.39,12.21,12.27,12.27,5083000\n2020-12-11,11.81,11.86,11.63,11.66,11.66,9391300");

        Assert.Equal(2, file.Bars.Count);
        Assert.Equal(new PriceBar(D("2020-12-11"), 11.81, 11.86, 11.63, 11.66, 11.66, 9391300), file.Bars[^1]);
    }

    [Fact]
    public void Utf8_byte_order_mark_before_the_header_is_ignored()
    {
        var text = $"{YahooHeader}\n2020-01-02,1,2,0.5,1.5,1.4,10\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        Assert.Equal(0xEF, bytes[0]);

        var file = Read(bytes);

        Assert.True(file.IsTrusted);
        Assert.Equal("yahoo", file.Format);
        Assert.Equal(1.5, Assert.Single(file.Bars).Close);
    }

    [Fact]
    public void Byte_order_mark_read_as_a_character_is_ignored_too()
    {
        var file = Read($"\uFEFF{YahooHeader}\n2020-01-02,1,2,0.5,1.5,1.4,10\n");

        Assert.Equal("yahoo", file.Format);
        Assert.Single(file.Bars);
    }

    [Fact]
    public void Windows_line_endings_are_read_like_unix_ones()
    {
        var file = Read(Encoding.UTF8.GetBytes($"{YahooHeader}\r\n2020-01-02,1,2,0.5,1.5,1.4,10\r\n2020-01-03,1.5,2.5,1,2,1.9,20\r\n"));

        Assert.True(file.IsTrusted);
        Assert.Equal("yahoo", file.Format);
        Assert.Equal([10L, 20L], file.Bars.Select(b => b.Volume));
        Assert.Equal([1.4, 1.9], file.Bars.Select(b => b.AdjClose));
    }

    [Fact]
    public void Semicolon_delimited_file_is_read()
    {
        var file = Read("Date;Open;High;Low;Close;Adj Close;Volume\n2020-01-02;1.25;2;0.5;1.5;1.4;10\n2020-01-03;1.5;2.5;1;2;1.9;20\n");

        Assert.True(file.IsTrusted);
        Assert.Equal("yahoo", file.Format);
        Assert.Equal(new PriceBar(D("2020-01-02"), 1.25, 2, 0.5, 1.5, 1.4, 10), file.Bars[0]);
        Assert.Equal(2, file.Bars.Count);
    }

    [Fact]
    public void Semicolon_file_with_decimal_commas_is_never_read_a_hundred_times_too_high()
    {
        // A spreadsheet in a comma-decimal locale writes ';' between fields and ',' inside numbers.
        var file = Read("Date;Open;High;Low;Close;Adj Close;Volume\n2020-01-02;12,25;12,50;12,00;12,40;12,10;1000\n");

        if (file.IsTrusted)
        {
            var bar = Assert.Single(file.Bars);
            Assert.Equal(12.40, bar.Close);
            Assert.Equal(12.25, bar.Open);
        }
        else
        {
            Assert.Equal(2, file.Errors[0].Line);
        }
    }

    [Fact]
    public void Rows_of_null_are_skipped_with_a_warning_on_their_line()
    {
        var file = Read($"{YahooHeader}\n2020-01-02,1,2,0.5,1.5,1.4,10\n2020-01-03,null,null,null,null,null,null\n2020-01-06,1.5,2.5,1,2,1.9,20\n");

        Assert.True(file.IsTrusted);
        Assert.Equal([D("2020-01-02"), D("2020-01-06")], file.Bars.Select(b => b.Date));
        var warning = Assert.Single(file.Warnings);
        Assert.Equal(3, warning.Line);
    }

    [Fact]
    public void Stooq_file_has_no_adjusted_close()
    {
        var file = Read("Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,10\n2020-01-03,1.5,2.5,1,2,20\n");

        Assert.True(file.IsTrusted);
        Assert.Equal("stooq", file.Format);
        Assert.Equal(new PriceBar(D("2020-01-03"), 1.5, 2.5, 1, 2, null, 20), file.Bars[1]);
    }

    [Fact]
    public void Nasdaq_file_with_dollar_signs_imports_every_row()
    {
        var file = Read("""
            Date,Close/Last,Volume,Open,High,Low
            04/09/2020,$8.50,2400100,$8.30,$8.55,$8.28
            04/08/2020,$8.20,1200300,$8.10,$8.25,$8.00
            12/31/2019,$7.75,900000,$7.70,$7.80,$7.60
            """);

        Assert.True(file.IsTrusted);
        Assert.Equal("nasdaq", file.Format);
        Assert.Equal(
            [
                new PriceBar(D("2019-12-31"), 7.70, 7.80, 7.60, 7.75, null, 900000),
                new PriceBar(D("2020-04-08"), 8.10, 8.25, 8.00, 8.20, null, 1200300),
                new PriceBar(D("2020-04-09"), 8.30, 8.55, 8.28, 8.50, null, 2400100),
            ],
            file.Bars);
    }

    [Fact]
    public void Generic_file_with_only_date_and_close_is_read()
    {
        var file = Read("date,close\n2020-01-03,2\n2020-01-02,1.5\n");

        Assert.True(file.IsTrusted);
        Assert.Equal("generic", file.Format);
        Assert.Equal(
            [new PriceBar(D("2020-01-02"), null, null, null, 1.5, null, null), new PriceBar(D("2020-01-03"), null, null, null, 2, null, null)],
            file.Bars);
    }

    [Theory]
    [InlineData("Date,Open,High,Low,Close,Adj Close,Volume", "yahoo")]
    [InlineData("Date;Open;High;Low;Close;Adj Close;Volume", "yahoo")]
    [InlineData("Date,Open,High,Low,Close,Volume", "stooq")]
    [InlineData("Date,Close/Last,Volume,Open,High,Low", "nasdaq")]
    [InlineData("Date,Close", "generic")]
    [InlineData("Date,Open,Close", "generic")]
    public void Format_is_named_after_the_header(string header, string format)
    {
        var delimiter = header.Contains(';') ? ';' : ',';
        var row = string.Join(delimiter, header.Split(delimiter).Select((_, i) => i == 0 ? (format == "nasdaq" ? "01/02/2020" : "2020-01-02") : "5"));

        var file = Read($"{header}\n{row}\n");

        Assert.True(file.IsTrusted, string.Join("; ", file.Errors.Select(e => e.Message)));
        Assert.Equal(format, file.Format);
    }

    [Fact]
    public void Same_date_twice_with_the_same_values_is_kept_once_with_a_warning()
    {
        var file = Read($"{YahooHeader}\n2020-01-02,1,2,0.5,1.5,1.4,10\n2020-01-02,1,2,0.5,1.5,1.4,10\n");

        Assert.True(file.IsTrusted);
        Assert.Single(file.Bars);
        Assert.Equal(3, Assert.Single(file.Warnings).Line);
    }

    public static TheoryData<string, int> RefusedFiles => new()
    {
        { "", 1 },
        { "\n\n", 1 },
        { YahooHeader + "\n", 1 },
        { "Ticker,Value,Amount\nERIC,1,2\n", 1 },
        { $"{YahooHeader}\n2020-01-02,1,2,0.5,1.5,1.4,10\n2020-13-45,1,2,0.5,1.5,1.4,10\n", 3 },
        { $"{YahooHeader}\n2020-01-02,1,2,0.5,1.5,1.4,10\n2020-01-03,1,2,0.5,1.5,1.4,10\n2020-01-06,1,2,0.5,one,1.4,10\n", 4 },
        { $"{YahooHeader}\n2020-01-02,1,2,0.5\n", 2 },
        { $"{YahooHeader}\n2020-01-02,1,2,0.5,1.5,1.4,10\n2020-01-03,1,2,0.5,1.5,1.4,10\n2020-01-02,1,2,0.5,1.6,1.5,10\n", 4 },
        { $"{YahooHeader}\n2020-01-02,1,2,0.5,0,1.4,10\n", 2 },
        { "<!DOCTYPE html>\n<html><body>Too many requests</body></html>\n", 1 },
        { "{\"chart\":{\"error\":{\"code\":\"Not Found\"}}}", 1 },
        { "[1,2,3]", 1 },
        { "\0\u0001\u0002PK\0\0", 1 },
        { $"{YahooHeader}\n2020-01-02,1,2,0.5,1.5,1.4,10\n2020-01-03,1\0,2,0.5,1.5,1.4,10\n", 3 },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public void Untrustworthy_file_is_refused_with_the_line_of_its_first_error(string text, int line)
    {
        var file = Read(text);

        Assert.False(file.IsTrusted);
        Assert.Empty(file.Bars);
        Assert.Equal(line, file.Errors[0].Line);
        Assert.All(file.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Blank_lines_before_the_header_still_count_as_lines()
    {
        var file = Read($"\n\n{YahooHeader}\n2020-01-02,1,2,0.5,1.5,1.4,10\n2020-01-32,1,2,0.5,1.5,1.4,10\n");

        Assert.Equal(5, Assert.Single(file.Errors).Line);
    }

    [Fact]
    public void Unknown_header_after_blank_lines_is_reported_on_its_own_line()
    {
        var file = Read("\r\n\r\nTicker,Value\r\nERIC,1\r\n");

        Assert.Equal(3, Assert.Single(file.Errors).Line);
    }

    [Fact]
    public void Duplicate_date_error_points_back_to_the_first_line()
    {
        var file = Read($"{YahooHeader}\n2020-01-02,1,2,0.5,1.5,1.4,10\n2020-01-02,1,2,0.5,1.6,1.5,10\n");

        var error = Assert.Single(file.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_row_is_reported_not_only_the_first()
    {
        var file = Read($"{YahooHeader}\nyesterday,1,2,0.5,1.5,1.4,10\n2020-01-03,1,2,0.5,1.5,1.4,10\n2020-01-06,1,2,0.5,n/a,1.4,10\n2020-01-07,1\n");

        Assert.False(file.IsTrusted);
        Assert.Equal([2, 4, 5], file.Errors.Select(e => e.Line));
        Assert.Equal(3, file.ErrorCount);
    }

    [Fact]
    public void Html_page_is_refused_as_html()
    {
        var file = Read("<html><head><title>404</title></head></html>");

        Assert.Contains("HTML", Assert.Single(file.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_answer_is_refused_as_json()
    {
        var file = Read("{\"error\":\"Invalid symbol\"}");

        Assert.Contains("JSON", Assert.Single(file.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_file_is_refused_as_binary()
    {
        var file = Read(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x0A, 0x00, 0x00, 0x00 });

        Assert.False(file.IsTrusted);
        Assert.Contains("binary", Assert.Single(file.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_warnings_are_counted_beyond_the_listed_ones()
    {
        var rows = Enumerable.Range(0, PriceCsvReader.MaxListedMessages + 5)
            .Select(i => $"{new DateOnly(2000, 1, 1).AddDays(i):yyyy-MM-dd},0,2,0.5,1.5,1.4,10");
        var file = Read(YahooHeader + "\n" + string.Join("\n", rows));

        Assert.True(file.IsTrusted);
        Assert.Equal(PriceCsvReader.MaxListedMessages + 5, file.WarningCount);
        Assert.Equal(PriceCsvReader.MaxListedMessages, file.Warnings.Count);
        Assert.Equal(PriceCsvReader.MaxListedMessages + 5, file.Bars.Count);
    }
}
