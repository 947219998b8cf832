using MarketContext.Web.Features.Prices.Reading;

namespace MarketContext.Tests.Features.Prices.Reading;

public sealed class HeaderMappingTests
{
    private static ColumnMap? Map(string header, ImportOverrides? overrides = null, string[][]? continuation = null) =>
        HeaderMapping.Map(header.Split(','), continuation, overrides ?? ImportOverrides.None, out _);

    [Theory]
    [InlineData("Date,Open,High,Low,Close,Adj Close,Volume", 0, 4, 5, 6, "yahoo")]
    [InlineData("Datum,Erster,Hoch,Tief,Schlusskurs,Volumen", 0, 4, -1, 5, "ariva")]
    [InlineData(",NOK.Open,NOK.High,NOK.Low,NOK.Close,NOK.Volume,NOK.Adjusted", 0, 4, 6, 5, "quantmod")]
    [InlineData(",Date,Price,Open,High,Low,Vol.,Change %", 1, 2, -1, 6, "investing")]
    [InlineData("Time,Open,High,Low,Last,Change,%Chg,Volume", 0, 4, -1, 7, "barchart")]
    [InlineData("<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>", 2, 7, -1, 8, "stooq-metastock")]
    [InlineData("timestamp,open,high,low,close,adjusted_close,volume,dividend_amount,split_coefficient", 0, 4, 5, 6, "alphavantage")]
    [InlineData("Date Time,Open,High,Low,Close,Volume", 0, 4, -1, 5, "chart-export")]
    [InlineData("date,close", 0, 1, -1, -1, "generic")]
    public void Producers_words_map_to_the_price_columns(string header, int date, int close, int adjusted, int volume, string producer)
    {
        var map = Map(header);

        Assert.NotNull(map);
        Assert.Equal((date, close, adjusted, volume), (map[PriceColumn.Date], map[PriceColumn.Close], map[PriceColumn.AdjClose], map[PriceColumn.Volume]));
        Assert.Equal(producer, map.Producer);
    }

    [Fact]
    public void Close_wins_over_price_and_the_date_comes_from_an_extra_header_line()
    {
        var map = Map("Price,Close,High,Low,Open,Volume", continuation: [["Ticker", "QQQ", "QQQ", "QQQ", "QQQ", "QQQ"], ["Date", "", "", "", "", ""]]);

        Assert.NotNull(map);
        Assert.Equal(0, map[PriceColumn.Date]);
        Assert.Equal(1, map[PriceColumn.Close]);
        Assert.Equal("yfinance", map.Producer);
    }

    [Fact]
    public void A_header_without_a_date_or_a_close_maps_to_nothing()
    {
        Assert.Null(Map("Ticker,Value,Amount"));
        Assert.Null(Map("Date,Open,High"));
    }

    [Fact]
    public void Chosen_columns_by_name_or_number_win()
    {
        var map = Map("When,Open,Settle,Final", new ImportOverrides(DateColumn: "when", CloseColumn: "4"));

        Assert.NotNull(map);
        Assert.Equal(0, map[PriceColumn.Date]);
        Assert.Equal(3, map[PriceColumn.Close]);
    }

    [Fact]
    public void A_chosen_column_the_header_lacks_is_refused_with_the_columns_it_has()
    {
        var map = HeaderMapping.Map(["Date", "Close"], null, new ImportOverrides(CloseColumn: "Settle"), out var error);

        Assert.Null(map);
        Assert.Contains("\"Settle\"", error, StringComparison.Ordinal);
        Assert.Contains("\"Close\"", error, StringComparison.Ordinal);
    }
}
