using System.Xml.Linq;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.Prices.Currencies;

namespace MarketContext.Tests.Features.Charts;

/// <summary>A chart in one currency says so: in its title, on its y axis and in its caption, escaped like every text.</summary>
public sealed class ChartCurrencyCaptionTests
{
    private static readonly DateOnly[] Days = [new(2019, 5, 20), new(2019, 5, 21), new(2019, 5, 23), new(2019, 5, 24)];

    private static readonly FxRoute UsdToSek = new("USD", "SEK", [new FxLeg("USDSEK=X", "USD", "SEK", Divide: false)]);

    private static ChartSeries Series(string symbol, string? currency) => new(symbol, symbol, Days, [92.25, 93.70, 93.61, 96.39], Currency: currency);

    /// <summary>The SVG's texts, and the y axis's name (drawn turned, so as outlines rather than text).</summary>
    private static List<string> Texts(ChartData data, ChartMode mode, int width = 1200)
    {
        using var picture = ChartRenderer.Render(data, new ChartOptions(Days[0], Days[^1], mode, false, width, 500));
        return [.. XDocument.Parse(picture.ToSvg()).DescendantNodes().OfType<XText>().Select(t => t.Value), picture.Plot.Axes.Left.Label.Text];
    }

    [Fact]
    public void A_converted_listing_is_named_with_its_route_and_the_days_dropped_for_want_of_a_rate()
    {
        var conversion = new ListingConversion("ERIC", UsdToSek, 1, [new DateOnly(2019, 5, 22)]);
        var data = new ChartData([Series("ERIC", "SEK"), Series("ERIC-B.ST", "SEK")], [], [], Days[^1], Money: new ChartMoney("SEK", [conversion]));

        var texts = Texts(data, ChartMode.Rebased);

        Assert.Contains(texts, t => t.Contains("ERIC converted USD→SEK at USDSEK=X closes; 1 day without a rate dropped (2019-05-22)", StringComparison.Ordinal));
        Assert.Contains("Rebased (start = 100), in SEK", texts);
        Assert.Contains(texts, t => t.Contains("rebased to 100, in SEK", StringComparison.Ordinal));
    }

    [Fact]
    public void On_a_narrow_picture_the_conversion_is_still_said()
    {
        var conversion = new ListingConversion("ERIC", UsdToSek, 4, [new DateOnly(2019, 5, 22), new DateOnly(2019, 6, 6), new DateOnly(2019, 6, 7)]);
        var data = new ChartData([Series("ERIC", "SEK")], [], [], Days[^1], Money: new ChartMoney("SEK", [conversion]));

        var texts = Texts(data, ChartMode.Rebased, width: 640);

        Assert.Contains(texts, t => t.Contains("ERIC USD→SEK at USDSEK=X; 4 days without a rate dropped (2019-05-22, 2019-06-06, 2019-06-07, …)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SEK", "SEK", "Price (SEK)")]
    [InlineData("USD", "SEK", "Price (each listing's own currency)")]
    public void A_price_axis_names_the_currency_the_listings_are_in(string first, string second, string label) =>
        Assert.Contains(label, Texts(new ChartData([Series("ERIC", first), Series("ERIC-B.ST", second)], [], [], Days[^1]), ChartMode.Price));

    [Fact]
    public void The_conversion_caption_is_escaped_in_svg()
    {
        const string hostile = "<script>alert(1)</script>";
        var conversion = new ListingConversion(hostile, UsdToSek, 0, []);
        var data = new ChartData([Series("ERIC", "SEK")], [], [], Days[^1], Money: new ChartMoney("SEK", [conversion]));

        using var picture = ChartRenderer.Render(data, new ChartOptions(Days[0], Days[^1], ChartMode.Rebased, false, 1200, 500));
        var xml = picture.ToSvg();
        var svg = XDocument.Parse(xml);

        Assert.DoesNotContain("<script", xml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName.Equals("script", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(svg.DescendantNodes().OfType<XText>(), t => t.Value.Contains($"{hostile} converted USD→SEK", StringComparison.Ordinal));
    }
}
