using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.EventSets;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace MarketContext.Tests.Features.Charts;

public sealed class ChartRequestTests
{
    private static (ChartRequest? Request, List<MarketContext.Web.Http.FieldError> Errors) Parse(string query)
    {
        var (read, errors) = QueryReader.Read<ChartQuery>(new QueryCollection(QueryHelpers.ParseQuery(query)));
        return (read?.ToRequest(), errors);
    }

    [Fact]
    public void Empty_query_asks_for_the_vendors_from_2019_to_mid_2020_rebased_at_1200_by_600()
    {
        var (request, errors) = Parse("");

        Assert.Empty(errors);
        Assert.NotNull(request);
        Assert.Null(request.Symbols);
        Assert.Equal(new DateOnly(2019, 1, 1), request.From);
        Assert.Equal(new DateOnly(2020, 6, 30), request.To);
        Assert.Equal(ChartMode.Rebased, request.Mode);
        Assert.False(request.Log);
        Assert.True(request.Annotations);
        Assert.Equal((1200, 600, 1), (request.Width, request.Height, request.Scale));
        Assert.False(request.Download);
        // Every category of the set, whichever categories the set turns out to have.
        Assert.Null(request.EventCategories);
        Assert.True(request.ShowsCategory("legal"));
        Assert.Equal(EventSetRef.Shipped, request.EventSet);
    }

    [Fact]
    public void Full_query_is_read_field_by_field()
    {
        var (request, errors) = Parse("?symbols=eric,QQQ,eric&from=2020-01-02&to=2020-03-31&mode=percent&log=true&events=legal,industry&annotations=false&width=800&height=400&scale=3&download=true");

        Assert.Empty(errors);
        Assert.NotNull(request);
        Assert.Equal(["ERIC", "QQQ"], request.Symbols);
        Assert.Equal(new DateOnly(2020, 1, 2), request.From);
        Assert.Equal(new DateOnly(2020, 3, 31), request.To);
        Assert.Equal(ChartMode.Percent, request.Mode);
        Assert.True(request.Log);
        Assert.Equal(["industry", "legal"], request.EventCategories!.Order());
        Assert.False(request.Annotations);
        Assert.Equal((800, 400, 3), (request.Width, request.Height, request.Scale));
        Assert.True(request.Download);
    }

    [Fact]
    public void Events_none_shows_no_category()
    {
        var (request, _) = Parse("?events=none");

        Assert.NotNull(request);
        Assert.Empty(request.EventCategories!);
    }

    [Theory]
    [InlineData("from=2020-02-30", "from")]
    [InlineData("from=01/02/2020", "from")]
    [InlineData("to=tomorrow", "to")]
    [InlineData("from=2020-06-01&to=2020-01-01", "from")]
    [InlineData("symbols=ER!C", "symbols")]
    [InlineData("symbols=A,B,C,D,E,F,G,H,I", "symbols")]
    [InlineData("mode=candles", "mode")]
    [InlineData("log=maybe", "log")]
    [InlineData("eventSet=Not A Slug", "eventSet")]
    [InlineData("eventSet=huawei-5g-europe@0", "eventSet")]
    [InlineData("eventSet=huawei-5g-europe@two", "eventSet")]
    [InlineData("eventSet=a@1@2", "eventSet")]
    [InlineData("annotations=1", "annotations")]
    [InlineData("width=100", "width")]
    [InlineData("width=4001", "width")]
    [InlineData("width=wide", "width")]
    [InlineData("width=-800", "width")]
    [InlineData("height=10000", "height")]
    [InlineData("scale=0", "scale")]
    [InlineData("scale=4", "scale")]
    [InlineData("scale=1.5", "scale")]
    [InlineData("download=yes", "download")]
    public void Bad_query_is_refused_naming_the_field(string query, string field)
    {
        var (request, errors) = Parse("?" + query);

        Assert.Null(request);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Several_mistakes_are_all_reported()
    {
        var (request, errors) = Parse("?width=1&scale=9&mode=x");

        Assert.Null(request);
        Assert.Equal(["mode", "scale", "width"], errors.Select(e => e.Field).Order());
    }

    [Theory]
    [InlineData("width=320&height=240&scale=1")]
    [InlineData("width=4000&height=3000&scale=1")]
    [InlineData("width=2000&height=2000&scale=2")]
    [InlineData("width=1333&height=1333&scale=3")]
    public void Size_bounds_are_inclusive(string query)
    {
        var (request, errors) = Parse("?" + query);

        Assert.Empty(errors);
        Assert.NotNull(request);
    }

    [Theory]
    [InlineData("width=4000&height=3000&scale=2", "48,000,000")]
    [InlineData("width=2001&height=2000&scale=2", "16,008,000")]
    [InlineData("width=1334&height=1333&scale=3", "16,003,998")]
    public void More_than_sixteen_megapixels_with_the_scale_squared_is_refused_and_the_limit_named(string query, string pixels)
    {
        var (request, errors) = Parse("?" + query);

        Assert.Null(request);
        var error = Assert.Single(errors);
        Assert.Equal("width", error.Field);
        Assert.Contains(pixels, error.Message, StringComparison.Ordinal);
        Assert.Contains("the limit is 16,000,000", error.Message, StringComparison.Ordinal);
    }
}
