using System.Globalization;
using System.Text;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Features.Prices.Reading;

namespace MarketContext.Tests.Features.Prices;

public sealed class PriceRowReaderTests
{
    private const string YahooHeader = "Date,Open,High,Low,Close,Adj Close,Volume";

    private static PriceFile Read(string text) => PriceCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static PriceFile Read(byte[] bytes) => PriceCsvReader.Read(new MemoryStream(bytes));

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>A stream that hands out a few bytes at a time and cannot seek, like a slow upload.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : Stream
    {
        private int _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }
    }

    [Fact]
    public void Old_mac_line_endings_are_lines_too()
    {
        var file = Read($"{YahooHeader}\r2020-01-02,1,2,0.5,1.5,1.4,10\r2020-01-03,1.5,2.5,1,2,1.9,20\r");

        Assert.True(file.IsTrusted);
        Assert.Equal([D("2020-01-02"), D("2020-01-03")], file.Bars.Select(b => b.Date));
    }

    [Fact]
    public void Line_numbers_count_crlf_and_lone_cr_lines_alike()
    {
        var file = Read($"{YahooHeader}\r\n2020-01-02,1,2,0.5,1.5,1.4,10\r2020-01-03,1,2,0.5,1.5,1.4,10\r\n2020-01-06,1,2,0.5,bad,1.4,10\n");

        Assert.Equal(4, Assert.Single(file.Errors).Line);
    }

    [Fact]
    public void Crlf_split_across_two_reads_is_one_line_ending()
    {
        var text = $"{YahooHeader}\r\n2020-01-02,1,2,0.5,1.5,1.4,10\r\n2020-01-03,1,2,0.5,1.5,1.4,10\r\n2020-01-06,1,2,0.5,x,1.4,10\r\n";

        for (var chunk = 1; chunk <= 7; chunk++)
        {
            var file = PriceCsvReader.Read(new TrickleStream(Encoding.UTF8.GetBytes(text), chunk));

            Assert.Equal(4, Assert.Single(file.Errors).Line);
        }
    }

    [Fact]
    public void Tab_separated_file_is_read()
    {
        var file = Read("Date\tOpen\tHigh\tLow\tClose\tAdj Close\tVolume\n2020-01-02\t1.25\t2\t0.5\t1.5\t1.4\t10\n");

        Assert.True(file.IsTrusted);
        Assert.Equal("yahoo", file.Format);
        Assert.Equal(new PriceBar(D("2020-01-02"), 1.25, 2, 0.5, 1.5, 1.4, 10), Assert.Single(file.Bars));
    }

    [Fact]
    public void Semicolon_file_reads_decimal_commas_and_dot_thousands_exactly()
    {
        var file = Read("Date;Open;High;Low;Close;Adj Close;Volume\n2020-01-02;1.234,50;1.240,00;1.200,25;1.230,75;12,10;1000\n");

        Assert.True(file.IsTrusted, string.Join("; ", file.Errors.Select(e => e.Message)));
        Assert.Equal(new PriceBar(D("2020-01-02"), 1234.5, 1240, 1200.25, 1230.75, 12.1, 1000), Assert.Single(file.Bars));
    }

    [Fact]
    public void Quoted_fields_may_hold_the_delimiter_and_thousands_separators()
    {
        var file = Read("\"Date\",\"Open\",\"High\",\"Low\",\"Close\",\"Volume\"\n\"2020-01-02\",\"1,234.50\",\"1,240.00\",\"1,200.25\",\"1,230.75\",\"1,000\"\n");

        Assert.True(file.IsTrusted, string.Join("; ", file.Errors.Select(e => e.Message)));
        Assert.Equal("stooq", file.Format);
        Assert.Equal(new PriceBar(D("2020-01-02"), 1234.5, 1240, 1200.25, 1230.75, null, 1000), Assert.Single(file.Bars));
    }

    [Fact]
    public void Nasdaq_file_newest_first_with_dollar_signs_and_no_trailing_newline_is_stored_ascending()
    {
        var file = Read("Date,Close/Last,Volume,Open,High,Low\r\n01/06/2021,$10.45,300,$10.40,$10.50,$10.30\r\n01/05/2021,$10.40,200,$10.20,$10.60,$10.00\r\n01/04/2021,$10.20,100,$10.00,$10.50,$9.80");

        Assert.Equal("nasdaq", file.Format);
        Assert.Equal([D("2021-01-04"), D("2021-01-05"), D("2021-01-06")], file.Bars.Select(b => b.Date));
        Assert.Equal(new PriceBar(D("2021-01-06"), 10.40, 10.50, 10.30, 10.45, null, 300), file.Bars[^1]);
    }

    [Fact]
    public void Stooq_polish_header_is_recognised_as_stooq()
    {
        var file = Read("Data,Otwarcie,Najwyzszy,Najnizszy,Zamkniecie,Wolumen\n2020-01-02,1,2,0.5,1.5,10\n");

        Assert.Equal("stooq", file.Format);
        Assert.Equal(1.5, Assert.Single(file.Bars).Close);
    }

    [Fact]
    public void Utf16_text_as_Excel_saves_it_is_transcoded_and_read()
    {
        foreach (var encoding in new[] { Encoding.Unicode, Encoding.BigEndianUnicode })
        {
            var text = "Datum\tErster\tHoch\tTief\tSchlußkurs\tVolumen\r\n2020-01-02\t1,25\t2\t0,5\t1,5\t1.000\r\n";
            var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();

            var reader = PriceRowReader.Open(new TrickleStream(bytes, 5));

            Assert.True(reader.TryRead(out var bar), string.Join("; ", reader.Findings.Errors.Select(e => e.Message)));
            Assert.Equal(new PriceBar(D("2020-01-02"), 1.25, 2, 0.5, 1.5, null, 1000), bar);
            Assert.False(reader.TryRead(out _));
            Assert.StartsWith("utf-16", reader.Evidence.Encoding, StringComparison.Ordinal);
            Assert.Equal(bytes.Length, reader.BytesRead);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "Excel")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A }, "PDF")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, "binary")]
    public void Binary_files_are_refused_by_what_they_are(byte[] bytes, string named)
    {
        var file = Read(bytes);

        Assert.False(file.IsTrusted);
        Assert.Equal(1, file.Errors[0].Line);
        Assert.Contains(named, file.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_without_end_longer_than_the_limit_is_refused_without_reading_it_all()
    {
        var text = YahooHeader + "\n2020-01-02," + new string('9', PriceRowReader.MaxLineBytes * 2);

        var file = Read(text);

        Assert.False(file.IsTrusted);
        Assert.Equal(2, file.Errors[0].Line);
        Assert.Contains("longer", file.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_error_page_saved_as_csv_after_blank_lines_is_refused_on_its_line()
    {
        var file = Read("\n\n   <!doctype html><html><body>429 Too Many Requests</body></html>");

        Assert.Equal(3, Assert.Single(file.Errors).Line);
        Assert.Contains("HTML", file.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_date_again_with_only_the_volume_changed_is_an_error()
    {
        var file = Read($"{YahooHeader}\n2020-01-02,1,2,0.5,1.5,1.4,10\n2020-01-02,1,2,0.5,1.5,1.4,11\n");

        Assert.False(file.IsTrusted);
        Assert.Equal(3, Assert.Single(file.Errors).Line);
    }

    [Fact]
    public void Same_date_in_two_spellings_with_the_same_values_is_kept_once()
    {
        var file = Read("Date,Close\n2020-01-13,1.5\n01/13/2020,1.50\n");

        Assert.True(file.IsTrusted);
        Assert.Single(file.Bars);
        Assert.Equal(3, Assert.Single(file.Warnings).Line);
    }

    [Fact]
    public void More_than_a_hundred_errors_are_counted_and_the_first_hundred_listed()
    {
        var rows = Enumerable.Range(0, 250).Select(i => $"{new DateOnly(2000, 1, 1).AddDays(i):yyyy-MM-dd},1,2,0.5,x,1.4,10");

        var file = Read(YahooHeader + "\n" + string.Join("\n", rows));

        Assert.Equal(250, file.ErrorCount);
        Assert.Equal(PriceCsvReader.MaxListedMessages, file.Errors.Count);
        Assert.Equal(Enumerable.Range(2, 100), file.Errors.Select(e => e.Line));
    }

    [Fact]
    public void A_large_file_streams_through_a_small_buffer_and_counts_every_byte()
    {
        var text = new StringBuilder(YahooHeader).Append('\n');
        var day = new DateOnly(1900, 1, 1);
        for (var i = 0; i < 50_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{day.AddDays(i):yyyy-MM-dd},1.5,2.5,1.25,2.125,2,{i}\n");
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var reader = PriceRowReader.Open(new TrickleStream(bytes, 4093));

        var rows = 0;
        DateOnly last = default;
        while (reader.TryRead(out var bar))
        {
            rows++;
            last = bar.Date;
        }

        Assert.False(reader.HasErrors);
        Assert.Equal(50_000, rows);
        Assert.Equal(day.AddDays(49_999), last);
        Assert.Equal(bytes.Length, reader.BytesRead);
    }

    [Fact]
    public void Short_decimal_parser_gives_the_very_double_the_framework_gives()
    {
        var random = new Random(20200409);
        for (var i = 0; i < 20_000; i++)
        {
            var decimals = random.Next(0, 9);
            var text = (random.NextDouble() * Math.Pow(10, random.Next(0, 7))).ToString("F" + decimals, CultureInfo.InvariantCulture);

            Assert.True(NumberParser.TryParseShortDecimal(Encoding.ASCII.GetBytes(text), out var value), text);
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), value);
        }
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("1,000")]
    [InlineData("12345678901234567")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    public void Short_decimal_parser_leaves_everything_else_to_the_framework(string text)
    {
        Assert.False(NumberParser.TryParseShortDecimal(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("2020-02-29", true)]
    [InlineData("2019-02-29", false)]
    [InlineData("02/29/2020", true)]
    [InlineData("13/01/2020", false)]
    [InlineData("2020-1-2", true)]
    [InlineData("20200102", true)]
    [InlineData("20200230", false)]
    [InlineData("2020-01-0x", false)]
    public void Dates_are_checked_against_the_calendar(string text, bool valid)
    {
        Assert.Equal(valid, DateParser.TryParse(Encoding.ASCII.GetBytes(text), DateOrder.MonthFirst, out _));
    }
}
