using MarketContext.Web.Features.Annotations;

namespace MarketContext.Tests.Features.Annotations;

public sealed class AnnotationRulesTests
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string> { "ERIC", "NOK", "QQQ" };

    private static (ValidAnnotation? Value, List<MarketContext.Web.Http.FieldError> Errors) Validate(
        string? date, string? endDate = null, string? symbol = null, string? text = "A note", int maxLength = 20) =>
        AnnotationRules.Validate(new AnnotationInput(date, endDate, symbol, text), maxLength, Known);

    [Fact]
    public void Good_annotation_is_trimmed_and_its_symbol_upper_cased()
    {
        var (value, errors) = Validate("2020-04-09", "2020-04-14", " nok ", "  Earnings day  ");

        Assert.Empty(errors);
        Assert.Equal(new ValidAnnotation(new DateOnly(2020, 4, 9), new DateOnly(2020, 4, 14), "NOK", "Earnings day"), value);
    }

    [Fact]
    public void Annotation_without_end_date_or_symbol_is_valid()
    {
        var (value, errors) = Validate("2020-04-09", null, "", "Note");

        Assert.Empty(errors);
        Assert.Equal(new ValidAnnotation(new DateOnly(2020, 4, 9), null, null, "Note"), value);
    }

    [Fact]
    public void Same_start_and_end_day_is_valid()
    {
        var (value, _) = Validate("2020-04-09", "2020-04-09");

        Assert.NotNull(value);
    }

    [Fact]
    public void Text_exactly_at_the_limit_is_valid()
    {
        var (value, _) = Validate("2020-04-09", text: new string('a', 20));

        Assert.NotNull(value);
    }

    [Theory]
    [InlineData(null, null, null, "x", "date")]
    [InlineData("", null, null, "x", "date")]
    [InlineData("2020-02-30", null, null, "x", "date")]
    [InlineData("09/04/2020", null, null, "x", "date")]
    [InlineData("2020-04-09T10:00:00Z", null, null, "x", "date")]
    [InlineData("1066-10-14", null, null, "x", "date")]
    [InlineData("2020-04-09", "soon", null, "x", "endDate")]
    [InlineData("2020-04-09", "2020-04-08", null, "x", "endDate")]
    [InlineData("2020-04-09", null, "HUAWEI", "x", "symbol")]
    [InlineData("2020-04-09", null, "ERIC", null, "text")]
    [InlineData("2020-04-09", null, "ERIC", "", "text")]
    [InlineData("2020-04-09", null, "ERIC", "   \n ", "text")]
    [InlineData("2020-04-09", null, "ERIC", "123456789012345678901", "text")]
    [InlineData("2020-04-09", null, "ERIC", "bell\u0007", "text")]
    public void Bad_annotation_is_refused_naming_the_field(string? date, string? endDate, string? symbol, string? text, string field)
    {
        var (value, errors) = Validate(date, endDate, symbol, text);

        Assert.Null(value);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Every_mistake_is_reported_at_once()
    {
        var (value, errors) = Validate("nope", "also-nope", "XYZ", "");

        Assert.Null(value);
        Assert.Equal(["date", "endDate", "symbol", "text"], errors.Select(e => e.Field).Order());
    }
}
