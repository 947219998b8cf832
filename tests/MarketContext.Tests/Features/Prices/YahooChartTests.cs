using System.Text;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Tests.Features.Prices;

public sealed class YahooChartTests
{
    // Two sessions of a New York listing: 14:30 UTC opens, an offset of -5 h; the second day has no quote yet.
    private const string Chart = """
        {"chart":{"result":[{"meta":{"symbol":"ERIC","gmtoffset":-18000,"exchangeTimezoneName":"America/New_York"},
        "timestamp":[1607697000,1607783400],
        "events":{"dividends":{}},
        "indicators":{"quote":[{"open":[11.81,null],"high":[11.86,null],"low":[11.63,null],"close":[11.65999984741211,null],"volume":[9391300,null]}],
        "adjclose":[{"adjclose":[11.65999984741211,null]}]}}],"error":null}}
        """;

    [Fact]
    public void Chart_answer_becomes_a_yahoo_csv_with_the_exchange_day_and_null_fields()
    {
        var conversion = YahooChart.ToCsv(Chart);

        Assert.Empty(conversion.Errors);
        Assert.Equal(2, conversion.Rows);
        Assert.Equal(
            "Date,Open,High,Low,Close,Adj Close,Volume\n2020-12-11,11.81,11.86,11.63,11.65999984741211,11.65999984741211,9391300\n2020-12-12,null,null,null,null,null,null\n",
            conversion.Csv);
    }

    [Fact]
    public void The_converted_file_reads_like_a_download_with_the_empty_day_as_a_warning()
    {
        var file = PriceCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(YahooChart.ToCsv(Chart).Csv!)));

        Assert.True(file.IsTrusted);
        Assert.Equal("yahoo", file.Format);
        var bar = Assert.Single(file.Bars);
        Assert.Equal(new DateOnly(2020, 12, 11), bar.Date);
        Assert.Equal(11.65999984741211, bar.Close);
        Assert.Equal(3, Assert.Single(file.Warnings).Line);
    }

    [Fact]
    public void A_range_without_trading_days_is_empty_not_an_error()
    {
        var conversion = YahooChart.ToCsv("""{"chart":{"result":[{"meta":{"symbol":"ERIC"},"indicators":{"quote":[{}]}}],"error":null}}""");

        Assert.Empty(conversion.Errors);
        Assert.Null(conversion.Csv);
        Assert.Equal(0, conversion.Rows);
    }

    [Fact]
    public void Error_object_is_reported_in_its_own_words()
    {
        const string json = """{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}""";

        var conversion = YahooChart.ToCsv(json);

        Assert.Contains("No data found, symbol may be delisted", Assert.Single(conversion.Errors), StringComparison.Ordinal);
        Assert.Equal("Not Found: No data found, symbol may be delisted", YahooChart.ErrorOf(json));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "<html><body>Service unavailable</body></html>", "HTML" },
        { "{\"chart\":{\"result\":[{\"timestamp\":[1,2", "not valid JSON" },
        { "[]", "chart" },
        { "{\"chart\":{\"result\":[{\"timestamp\":[1607697000,1607783400],\"indicators\":{\"quote\":[{\"close\":[1.5]}]}}]}}", "2 days" },
        { "{\"chart\":{\"result\":[{\"timestamp\":[1607697000],\"indicators\":{\"quote\":[{\"open\":[1]}]}}]}}", "\"close\"" },
        { "{\"chart\":{\"result\":[{\"timestamp\":[1607697000],\"indicators\":{\"quote\":[{\"close\":[\"1.5\"]}]}}]}}", "number" },
        { "{\"chart\":{\"result\":[{\"timestamp\":[\"x\"],\"indicators\":{\"quote\":[{\"close\":[1.5]}]}}]}}", "Timestamp" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_answer_is_refused_saying_what_is_wrong(string json, string says)
    {
        var conversion = YahooChart.ToCsv(json);

        Assert.Null(conversion.Csv);
        Assert.Contains(says, Assert.Single(conversion.Errors), StringComparison.Ordinal);
    }
}
