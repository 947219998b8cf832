using System.Text;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Features.Prices.Reading;

namespace MarketContext.Tests.Features.Prices.Reading;

/// <summary>Each rule of the reading pipeline on a small file of its own.</summary>
public sealed class ReadingRulesTests
{
    private static PriceFile Read(string text, ImportOverrides? overrides = null) =>
        PriceCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), overrides);

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");

    private static string Errors(PriceFile file) => string.Join(" | ", file.Errors.Select(e => $"{e.Line}: {e.Message}"));

    [Fact]
    public void Preamble_and_comment_lines_before_the_header_are_skipped_and_reported()
    {
        var file = Read("# Ticker: QQQ\n# Bars: 2\nSymbol: QQQ,,,Study: VOL\nDate,Close,Volume\n2021-06-02,323.5,100\n2021-06-03,320.25,200\n");

        Assert.True(file.IsTrusted, Errors(file));
        Assert.Equal([1, 2, 3], file.Evidence.PreambleLines);
        Assert.Equal([4], file.Evidence.HeaderLines);
        Assert.Equal([323.5, 320.25], file.Bars.Select(b => b.Close));
    }

    [Fact]
    public void Yfinance_three_line_header_names_the_date_on_its_third_line()
    {
        var file = Read("Price,Close,High,Low,Open,Volume\nTicker,QQQ,QQQ,QQQ,QQQ,QQQ\nDate,,,,,\n2021-01-04,300.5,306.75,296.25,306.5,45305900\n");

        Assert.True(file.IsTrusted, Errors(file));
        Assert.Equal("yfinance", file.Format);
        Assert.Equal([1, 2, 3], file.Evidence.HeaderLines);
        Assert.Equal(new PriceBar(D("2021-01-04"), 306.5, 306.75, 296.25, 300.5, null, 45305900), Assert.Single(file.Bars));
    }

    [Fact]
    public void A_footer_after_the_rows_is_skipped_and_reported()
    {
        var file = Read("Time,Open,High,Low,Last,Change,%Chg,Volume\n05/04/2021,138.27,138.31,135.69,135.58,-3.73,-2.68%,3219119\n\"Downloaded from Barchart.com as of 05-04-2021 11:01am CDT\"\n");

        Assert.True(file.IsTrusted, Errors(file));
        Assert.Equal([3], file.Evidence.FooterLines);
        Assert.Equal(D("2021-05-04"), Assert.Single(file.Bars).Date);
    }

    [Fact]
    public void A_line_without_a_date_followed_by_more_rows_is_no_footer_but_an_error()
    {
        var file = Read("Date,Close\n2021-05-13,1.5\nsomething else\n2021-05-14,1.6\n");

        Assert.False(file.IsTrusted);
        Assert.Equal(3, Assert.Single(file.Errors).Line);
    }

    [Fact]
    public void Rows_that_stop_before_the_volume_keep_their_close_and_an_empty_volume()
    {
        var file = Read("Data,Otwarcie,Najwyzszy,Najnizszy,Zamkniecie,Wolumen\n1789-05-01,0.51,0.51,0.51,0.51\n2023-03-17,3958.69,3958.91,3901.27,3916.64,5740077852\n");

        Assert.True(file.IsTrusted, Errors(file));
        Assert.Equal(new PriceBar(D("1789-05-01"), 0.51, 0.51, 0.51, 0.51, null, null), file.Bars[0]);
        Assert.Equal(5740077852L, file.Bars[1].Volume);
        Assert.Equal(1, file.Evidence.ShortRows);
    }

    [Fact]
    public void A_day_over_12_anywhere_in_the_first_part_proves_day_first()
    {
        var file = Read("Date,Close\n03/01/2005,1\n04/01/2005,2\n18/01/2005,3\n");

        Assert.True(file.IsTrusted, Errors(file));
        Assert.Equal("day/month", file.Evidence.DateOrder);
        Assert.Equal("dd/MM/yyyy", file.Evidence.DateFormat);
        Assert.Equal([D("2005-01-03"), D("2005-01-04"), D("2005-01-18")], file.Bars.Select(b => b.Date));
    }

    [Fact]
    public void Dates_that_never_show_their_order_are_refused_saying_how_to_choose()
    {
        const string Text = "Date,Close\n03/01/2005,1\n04/01/2005,2\n05/01/2005,3\n";

        var refused = Read(Text);
        var chosen = Read(Text, new ImportOverrides(DateOrder.DayFirst, "dmy"));

        Assert.False(refused.IsTrusted);
        var error = Assert.Single(refused.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("day/month or month/day", error.Message, StringComparison.Ordinal);
        Assert.Contains("dateFormat=dmy", error.Message, StringComparison.Ordinal);
        Assert.True(chosen.IsTrusted, Errors(chosen));
        Assert.Equal(D("2005-01-05"), chosen.Bars[^1].Date);
        Assert.Contains("date format dmy", chosen.Evidence.Overridden);
    }

    [Fact]
    public void Dates_that_prove_both_orders_are_refused()
    {
        var file = Read("Date,Close\n18/01/2005,1\n01/19/2005,2\n");

        Assert.False(file.IsTrusted);
        Assert.Contains("disagree", file.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Month_first_order_proven_later_refuses_a_day_first_row_rather_than_misread_it()
    {
        var file = Read("Date,Close\n12/30/2022,1\n13/01/2023,2\n");

        Assert.False(file.IsTrusted);
        Assert.Equal(3, Assert.Single(file.Errors).Line);
    }

    [Fact]
    public void Two_digit_years_and_month_names_and_compact_dates()
    {
        Assert.Equal(D("1978-01-03"), Read("Date, Open, High, Low, Close\n10/16/20, 1, 2, 0.5, 1.5\n01/03/78, 1, 2, 0.5, 1.5\n").Bars[0].Date);
        Assert.Equal(D("2020-11-27"), Assert.Single(Read("\"Date\",\"Price\"\n\"Nov 27, 2020\",\"299.01\"\n").Bars).Date);
        Assert.Equal(D("1984-09-07"), Assert.Single(Read("<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\nAAPL.US,D,19840907,000000,0.10215,0.10339,0.10092,0.10215,96351188,0\n").Bars).Date);
        Assert.Equal(D("1999-03-10"), Assert.Single(Read("Date,Close\n1999-03-10 00:00:00-05:00,43.25\n").Bars).Date);
    }

    [Fact]
    public void A_semicolon_file_with_decimal_commas_reads_a_comma_less_value_as_thousands()
    {
        var file = Read("Datum;Erster;Hoch;Tief;Schlusskurs;Volumen\n2015-09-04;10.216,2;10.216,2;9.996,16;10.038;4.249.371.648\n2016-03-18;9.905,67;9.961,48;9.822,52;9.950,8;8.494.747.648\n");

        Assert.True(file.IsTrusted, Errors(file));
        Assert.Equal(new PriceBar(D("2015-09-04"), 10216.2, 10216.2, 9996.16, 10038, null, 4249371648), file.Bars[0]);
        Assert.Equal(",", file.Evidence.DecimalSeparator);
        Assert.Equal(".", file.Evidence.ThousandsSeparator);
    }

    [Fact]
    public void A_semicolon_file_with_decimal_points_is_read_with_points()
    {
        var file = Read("Date;Close\n1995-05-01;514.260010\n1995-05-02;514.859985\n");

        Assert.Equal([514.26001, 514.859985], file.Bars.Select(b => b.Close));
        Assert.Equal(".", file.Evidence.DecimalSeparator);
    }

    [Fact]
    public void Closes_that_could_be_read_two_ways_are_refused_until_the_decimal_is_chosen()
    {
        const string Text = "Date;Close\n2015-09-04;10.038\n2015-09-07;10.271\n";

        var refused = Read(Text);
        var chosen = Read(Text, new ImportOverrides(Decimal: (byte)','));

        Assert.False(refused.IsTrusted);
        Assert.Contains("decimal=", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal([10038.0, 10271.0], chosen.Bars.Select(b => b.Close));
    }

    [Fact]
    public void Volumes_with_suffixes_dotted_thousands_and_float_noise_are_whole_numbers()
    {
        var investing = Read("\"Date\",\"Price\",\"Open\",\"High\",\"Low\",\"Vol.\",\"Change %\"\n\"Nov 27, 2020\",\"299.01\",\"298.22\",\"300.16\",\"297.96\",\"17.16M\",\"0.92%\"\n\"Nov 02, 2020\",\"11,784.10\",\"11,644.15\",\"11,833.55\",\"11,546.20\",\"-\",\"1.97%\"\n");
        var dotted = Read("Date,Open,High,Low,Close,Adj Close,Volume\n2010-01-04,36.950001,37.320000,36.820000,37.320000,31.196785,13.303.600\n2010-01-05,37.38,37.43,36.79,37.00,30.92,21.047\n");
        var noise = Read("Date,Close,Volume\n1982-12-01,1.38,8130000.000000001\n1982-12-02,1.39,9904600.0\n");

        Assert.True(investing.IsTrusted, Errors(investing));
        Assert.Equal([null, 17_160_000L], investing.Bars.Select(b => b.Volume));
        Assert.Equal(11784.10, investing.Bars[0].Close);
        Assert.Equal([13_303_600L, 21_047L], dotted.Bars.Select(b => b.Volume));
        Assert.Equal([36.950001, 37.38], dotted.Bars.Select(b => b.Open));
        Assert.Equal([8_130_000L, 9_904_600L], noise.Bars.Select(b => b.Volume));
        Assert.Empty(noise.Warnings);
    }

    [Fact]
    public void Unparseable_optional_fields_are_stored_empty_with_a_warning_on_their_line()
    {
        var file = Read("Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,n/a,2,0.5,1.5,1.4,lots\n2020-01-03,1.5,2.5,1,2,1.9,2290404134.7576\n");

        Assert.True(file.IsTrusted, Errors(file));
        Assert.Equal(new PriceBar(D("2020-01-02"), null, 2, 0.5, 1.5, 1.4, null), file.Bars[0]);
        Assert.Equal(2290404135L, file.Bars[1].Volume);
        Assert.Equal([2, 2, 3], file.Warnings.Select(w => w.Line));
        Assert.Contains("rounded", file.Warnings[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chosen_columns_make_an_unknown_header_readable()
    {
        var file = Read("When,Settle\n2020-01-02,1.5\n", new ImportOverrides(DateColumn: "When", CloseColumn: "Settle"));

        Assert.True(file.IsTrusted, Errors(file));
        Assert.Equal("Settle", file.Evidence.CloseColumn);
    }

    [Fact]
    public void A_chosen_column_is_looked_for_past_the_preamble_and_named_when_missing()
    {
        const string Text = "Symbol: QQQ,,,Study: VOL\nDate Time,Open,Settle,Close\n1/13/00,81.25,80.5,80.25\n";

        var chosen = Read(Text, new ImportOverrides(CloseColumn: "Settle"));
        var missing = Read(Text, new ImportOverrides(CloseColumn: "Last"));

        Assert.True(chosen.IsTrusted, Errors(chosen));
        Assert.Equal(80.5, Assert.Single(chosen.Bars).Close);
        Assert.False(missing.IsTrusted);
        Assert.Contains("\"Last\"", missing.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sniffer_reads_on_past_its_first_64_KB_while_the_decimal_separator_is_still_open()
    {
        var text = new StringBuilder("Date;Close\n");
        var day = new DateOnly(2000, 1, 13);
        for (var i = 0; i < 6000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{day.AddDays(i):yyyy-MM-dd};1.{i % 900 + 100}\n");
        }
        text.Append("2020-06-01;1.234,5\n");
        Assert.True(text.Length > 64 * 1024);

        var file = Read(text.ToString());

        Assert.True(file.IsTrusted, Errors(file));
        Assert.Equal(1100, file.Bars[0].Close);
        Assert.Equal(1234.5, file.Bars[^1].Close);
        Assert.Equal(",", file.Evidence.DecimalSeparator);
    }
}
