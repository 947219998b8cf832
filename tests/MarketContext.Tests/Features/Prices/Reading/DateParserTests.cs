using System.Text;
using MarketContext.Web.Features.Prices.Reading;

namespace MarketContext.Tests.Features.Prices.Reading;

public sealed class DateParserTests
{
    private static DateOnly? Parse(string text, DateOrder order = DateOrder.Unknown) =>
        DateParser.TryParse(Encoding.UTF8.GetBytes(text), order, out var date) ? date : null;

    [Theory]
    [InlineData("2020-01-31", DateOrder.Unknown, "2020-01-31")]
    [InlineData("1999-03-10 00:00:00-05:00", DateOrder.Unknown, "1999-03-10")]
    [InlineData("2020-03-09T23:00:00Z", DateOrder.Unknown, "2020-03-09")]
    [InlineData("20200131", DateOrder.Unknown, "2020-01-31")]
    [InlineData("2020/1/31", DateOrder.Unknown, "2020-01-31")]
    [InlineData("Nov 27, 2020", DateOrder.Unknown, "2020-11-27")]
    [InlineData("27-Nov-2020", DateOrder.Unknown, "2020-11-27")]
    [InlineData("27 November 2020", DateOrder.Unknown, "2020-11-27")]
    [InlineData("9/22/14", DateOrder.MonthFirst, "2014-09-22")]
    [InlineData("01/05/78", DateOrder.MonthFirst, "1978-01-05")]
    [InlineData("1/3/00", DateOrder.MonthFirst, "2000-01-03")]
    [InlineData("18/01/2005", DateOrder.DayFirst, "2005-01-18")]
    [InlineData("03/04/2020", DateOrder.DayFirst, "2020-04-03")]
    [InlineData("03/04/2020", DateOrder.MonthFirst, "2020-03-04")]
    [InlineData("21.03.2016", DateOrder.DayFirst, "2016-03-21")]
    [InlineData("12/30/2022 16:00", DateOrder.MonthFirst, "2022-12-30")]
    public void Dates_as_producers_write_them(string text, DateOrder order, string expected)
    {
        Assert.Equal(DateOnly.ParseExact(expected, "yyyy-MM-dd"), Parse(text, order));
    }

    [Theory]
    [InlineData("03/04/2020", DateOrder.Unknown)]
    [InlineData("18/01/2005", DateOrder.MonthFirst)]
    [InlineData("2019-02-29", DateOrder.Unknown)]
    [InlineData("20201301", DateOrder.Unknown)]
    [InlineData("Foo 27, 2020", DateOrder.Unknown)]
    [InlineData("yesterday", DateOrder.Unknown)]
    [InlineData("2020-01-02-03", DateOrder.Unknown)]
    [InlineData("", DateOrder.Unknown)]
    public void Not_a_date_or_not_in_the_order_given(string text, DateOrder order)
    {
        Assert.Null(Parse(text, order));
    }

    [Fact]
    public void Shape_says_which_number_could_be_the_day()
    {
        var dayFirst = DateParser.Inspect("18/01/2005"u8);
        var either = DateParser.Inspect("03/04/2020"u8);
        var iso = DateParser.Inspect("2020-03-04"u8);

        Assert.True(dayFirst is { Valid: true, YearLast: true, First: 18, Second: 1 });
        Assert.True(either is { Valid: true, YearLast: true, First: 3, Second: 4 });
        Assert.True(iso is { Valid: true, YearLast: false });
        Assert.False(DateParser.Inspect("31/31/2020"u8).Valid);
    }

    [Theory]
    [InlineData("9/22/14", DateOrder.MonthFirst, "M/dd/yy")]
    [InlineData("18/01/2005", DateOrder.DayFirst, "dd/MM/yyyy")]
    [InlineData("Nov 27, 2020", DateOrder.Unknown, "MMM dd, yyyy")]
    [InlineData("20200131", DateOrder.Unknown, "yyyyMMdd")]
    [InlineData("2020-01-31", DateOrder.Unknown, "yyyy-MM-dd")]
    public void The_pattern_is_described_for_the_report(string text, DateOrder order, string pattern)
    {
        Assert.Equal(pattern, DateParser.Describe(Encoding.UTF8.GetBytes(text), order));
    }
}
