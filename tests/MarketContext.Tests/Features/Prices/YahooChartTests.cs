using MarketContext.Web.Features.Prices;
using MarketContext.Web.Features.Prices.Reading;

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
    public void Chart_answer_becomes_rows_with_the_exchange_day_and_null_fields()
    {
        var conversion = YahooChart.Read(Chart);

        Assert.Empty(conversion.Errors);
        Assert.Equal(
            [
                new PriceRow(new DateOnly(2020, 12, 11), 11.81, 11.86, 11.63, 11.65999984741211, 11.65999984741211, 9391300),
                new PriceRow(new DateOnly(2020, 12, 12), null, null, null, null, null, null),
            ],
            conversion.Rows);
    }

    [Fact]
    public void The_rows_are_judged_like_a_download_with_the_empty_day_as_a_warning()
    {
        var (bars, findings) = Judge(YahooChart.Read(Chart).Rows!);

        Assert.Equal(0, findings.ErrorCount);
        var bar = Assert.Single(bars);
        Assert.Equal(new PriceBar(new DateOnly(2020, 12, 11), 11.81, 11.86, 11.63, 11.65999984741211, 11.65999984741211, 9391300), bar);
        var warning = Assert.Single(findings.Warnings);
        Assert.Equal(3, warning.Line);
        Assert.Equal("2020-12-12 has no close price; row skipped.", warning.Message);
    }

    [Fact]
    public void Parsed_rows_meet_the_rules_of_a_files_rows()
    {
        var day = new DateOnly(2020, 12, 11);
        var (bars, findings) = Judge(
        [
            new PriceRow(day, 0, 12, 11, 11.5, -1, 100.5),
            new PriceRow(day, 0, 12, 11, 11.5, -1, 100.5),
            new PriceRow(day.AddDays(1), 11, 12, 11, 11.6, 11.6, -5),
        ]);

        Assert.Equal(0, findings.ErrorCount);
        Assert.Equal([new PriceBar(day, null, 12, 11, 11.5, null, 101), new PriceBar(day.AddDays(1), 11, 12, 11, 11.6, 11.6, null)], bars);
        Assert.Equal(
            [
                (2, "Open 0 is not a usable price; stored as empty."),
                (2, "Adj Close -1 is not a usable price; stored as empty."),
                (2, "Volume 100.5 is not a whole number; stored rounded to 101."),
                (3, "Open 0 is not a usable price; stored as empty."),
                (3, "Adj Close -1 is not a usable price; stored as empty."),
                (3, "Volume 100.5 is not a whole number; stored rounded to 101."),
                (3, "2020-12-11 repeats line 2 exactly; kept once."),
                (4, "Volume -5 is not a non-negative number of shares; stored as empty."),
            ],
            findings.Warnings.Select(w => (w.Line, w.Message)));

        var (_, refused) = Judge([new PriceRow(day, 1, 1, 1, 1, 1, 1), new PriceRow(day, 1, 1, 1, 2, 1, 1), new PriceRow(day.AddDays(1), 1, 1, 1, 0, 1, 1)]);
        Assert.Equal(
            [(3, "2020-12-11 appears again with different values (first on line 2)."), (4, "Close 0 is not a positive price.")],
            refused.Errors.Select(e => (e.Line, e.Message)));
        Assert.Equal("No row has a usable close price.", Assert.Single(Judge([new PriceRow(day, 1, 1, 1, null, 1, 1)]).Findings.Errors).Message);
    }

    private static (List<PriceBar> Bars, ImportFindings Findings) Judge(IReadOnlyList<PriceRow> rows)
    {
        var reader = new ParsedRowReader("yahoo", rows, YahooChart.Evidence);
        var bars = new List<PriceBar>();
        while (reader.TryRead(out var bar))
        {
            bars.Add(bar);
        }
        return (bars, reader.Findings);
    }

    [Fact]
    public void A_range_without_trading_days_is_empty_not_an_error()
    {
        var conversion = YahooChart.Read("""{"chart":{"result":[{"meta":{"symbol":"ERIC"},"indicators":{"quote":[{}]}}],"error":null}}""");

        Assert.Empty(conversion.Errors);
        Assert.Null(conversion.Rows);
    }

    [Fact]
    public void Error_object_is_reported_in_its_own_words()
    {
        const string json = """{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}""";

        var conversion = YahooChart.Read(json);

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
        var conversion = YahooChart.Read(json);

        Assert.Null(conversion.Rows);
        Assert.Contains(says, Assert.Single(conversion.Errors), StringComparison.Ordinal);
    }
}
