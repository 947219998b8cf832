using System.Xml.Linq;
using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.Prices;

namespace MarketContext.Tests.Features.Charts;

/// <summary>A downloaded SVG names itself for screen readers: a title and a description first in the picture.</summary>
public sealed class SvgTitleTests
{
    [Fact]
    public void The_svg_starts_with_the_charts_title_and_its_caption_as_description_escaped()
    {
        var days = new[] { new DateOnly(2020, 3, 2), new DateOnly(2020, 3, 3), new DateOnly(2020, 3, 4) };
        var data = new ChartData([new ChartSeries("ERIC", "Ericsson <&> \"B\"", days, [8, 8.2, 8.1])], [], [], null,
            Origins: [new SeriesOrigin("ERIC", "stooq", new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc))]);
        using var picture = ChartRenderer.Render(data, new ChartOptions(new DateOnly(2020, 3, 1), new DateOnly(2020, 3, 31), ChartMode.Price, false, 800, 400));

        var root = XDocument.Parse(picture.ToSvg()).Root!;
        var first = root.Elements().Take(2).ToList();

        Assert.Equal(["title", "desc"], first.Select(e => e.Name.LocalName));
        Assert.Contains("Ericsson <&> \"B\"", first[0].Value, StringComparison.Ordinal);
        Assert.Contains("2020-03-02", first[0].Value, StringComparison.Ordinal);
        Assert.Contains("Stooq, vintage 2026-03-02", first[1].Value, StringComparison.Ordinal);
    }
}
