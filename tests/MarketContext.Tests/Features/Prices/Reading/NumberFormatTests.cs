using System.Text;
using MarketContext.Web.Features.Prices.Reading;

namespace MarketContext.Tests.Features.Prices.Reading;

public sealed class NumberFormatTests
{
    private static NumberEvidence Evidence(params string[] values)
    {
        var evidence = new NumberEvidence();
        foreach (var value in values)
        {
            evidence.Add(Encoding.UTF8.GetBytes(value));
        }
        return evidence;
    }

    private static (NumberOutcome Outcome, double Value) Parse(string text, NumberFormat format, bool suffix = false) =>
        (NumberParser.Parse(Encoding.UTF8.GetBytes(text), format, suffix, out var value), value);

    [Theory]
    [InlineData(".", "13233.71", "13166.4")]
    [InlineData(".", "\"13,335.68\"")]
    [InlineData(".", "13,303,600")]
    [InlineData(",", "9.925,89", "10.038")]
    [InlineData(",", "1.764.851.712")]
    [InlineData(",", "12,4")]
    public void A_column_proves_its_decimal_separator(string decimalSeparator, params string[] values)
    {
        var format = Evidence([.. values.Select(v => v.Trim('"'))]).Decide();

        Assert.NotNull(format);
        Assert.Equal(decimalSeparator, format.Value.DecimalName);
        Assert.True(format.Value.FromEvidence);
    }

    [Fact]
    public void Values_like_10_038_alone_prove_nothing()
    {
        var evidence = Evidence("10.038", "9.950", "11.309");

        Assert.Null(evidence.Decide());
        Assert.Equal(3, evidence.Ambiguous);
    }

    [Fact]
    public void A_column_with_both_decimal_separators_conflicts()
    {
        Assert.True(Evidence("13233.71", "9.925,89").Conflicts);
    }

    [Theory]
    [InlineData("10.038", 10038)]
    [InlineData("9.925,89", 9925.89)]
    [InlineData("1.764.851.712", 1764851712)]
    [InlineData("12,5", 12.5)]
    public void A_comma_decimal_column_reads_a_dotted_value_as_thousands(string text, double expected)
    {
        Assert.Equal((NumberOutcome.Number, expected), Parse(text, NumberFormat.Comma(true)));
    }

    [Theory]
    [InlineData("10.03")]
    [InlineData("1.23,4")]
    [InlineData("12,3,4")]
    [InlineData(".038")]
    public void Misplaced_thousands_separators_are_not_numbers(string text)
    {
        Assert.Equal(NumberOutcome.Invalid, Parse(text, NumberFormat.Comma(true)).Outcome);
    }

    [Fact]
    public void A_value_that_could_be_read_two_ways_is_ambiguous_unless_the_file_proved_its_format()
    {
        Assert.Equal(NumberOutcome.Ambiguous, Parse("10.038", NumberFormat.Comma(false)).Outcome);
        Assert.Equal(NumberOutcome.Ambiguous, Parse("10.038", NumberFormat.Point(false)).Outcome);
        Assert.Equal((NumberOutcome.Number, 10.038), Parse("10.038", NumberFormat.Point(true)));
    }

    [Theory]
    [InlineData("224.60M", 224_600_000)]
    [InlineData("17.16K", 17_160)]
    [InlineData("1.2B", 1_200_000_000)]
    [InlineData("$1,234.50", 1234.5)]
    [InlineData("-$1.20", -1.2)]
    [InlineData("1.5e-05", 0.000015)]
    public void Suffixes_currency_signs_and_exponents(string text, double expected)
    {
        var (outcome, value) = Parse(text, NumberFormat.Point(true), suffix: true);

        Assert.Equal(NumberOutcome.Number, outcome);
        Assert.Equal(expected, value, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("null")]
    [InlineData(" ")]
    public void The_usual_ways_of_writing_nothing_are_empty(string text)
    {
        Assert.Equal(NumberOutcome.Empty, Parse(text, NumberFormat.Point(true)).Outcome);
    }
}
