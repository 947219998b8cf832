using ScottPlot;
using SkiaSharp;

namespace MarketContext.Web.Rendering;

public sealed record ImageSize(int Width, int Height, int Scale = 1);

/// <summary>A drawn chart: the same plot gives the PNG, the SVG, the layout the page's overlay uses, and the plotted numbers.</summary>
public sealed class ChartPicture(Plot plot, ChartLayout layout, ImageSize size, Func<PlottedTable>? table = null) : IDisposable
{
    // Writing out every plotted value costs more than drawing them; only a CSV download asks for it.
    private readonly Lazy<PlottedTable> _table = new(table ?? (() => new PlottedTable([], [])));

    public ChartLayout Layout { get; } = layout;

    /// <summary>The plot itself, for tests that compare the layout with ScottPlot's own pixel mapping.</summary>
    internal Plot Plot => plot;

    public PlottedTable Table => _table.Value;

    private string? _description;

    /// <summary>
    /// Words of the publisher's own in place of the renderer's: the title over the picture, the caption line under it,
    /// and the description a screen reader gives (the SVG's <c>desc</c>). Drawn and escaped like the renderer's own.
    /// </summary>
    public ChartPicture Furnish(string title, string caption, string description)
    {
        plot.Axes.Title.Label.Text = title;
        plot.Axes.Bottom.Label.Text = caption;
        _description = description;
        return this;
    }

    /// <summary>The PNG at the requested pixel density: a 1200×600 chart at scale 2 is 2400×1200 pixels.</summary>
    public byte[] ToPng()
    {
        plot.ScaleFactor = size.Scale;
        var (width, height) = (size.Width * size.Scale, size.Height * size.Scale);
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        // The explicit size matters: a surface's clip bounds are padded by a pixel, which would shift the layout.
        plot.Render(surface.Canvas, width, height);
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        // Fast compression: the default level spends more time squeezing the PNG than drawing the chart,
        // for a file only a third smaller.
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1))
            ?? throw new InvalidOperationException("The chart could not be encoded as PNG.");
        return png.ToArray();
    }

    /// <summary>The SVG, named for screen readers: its title is the picture's title, its description the caption (or the one furnished).</summary>
    public string ToSvg()
    {
        plot.ScaleFactor = 1;
        var svg = System.Xml.Linq.XDocument.Parse(plot.GetSvgXml(size.Width, size.Height));
        var root = svg.Root!;
        var (title, caption) = (plot.Axes.Title.Label.Text, _description ?? plot.Axes.Bottom.Label.Text);
        if (!string.IsNullOrWhiteSpace(caption))
        {
            root.AddFirst(new System.Xml.Linq.XElement(root.Name.Namespace + "desc", caption));
        }
        if (!string.IsNullOrWhiteSpace(title))
        {
            root.AddFirst(new System.Xml.Linq.XElement(root.Name.Namespace + "title", title));
        }
        return svg.Declaration is null ? svg.ToString(System.Xml.Linq.SaveOptions.DisableFormatting) : svg.Declaration + svg.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
    }

    public string ToCsv()
    {
        var csv = new System.Text.StringBuilder();
        csv.AppendJoin(',', Table.Columns.Select(Http.CsvCells.Escape)).Append('\n');
        foreach (var row in Table.Rows)
        {
            csv.AppendJoin(',', row.Select(Http.CsvCells.Escape)).Append('\n');
        }
        return csv.ToString();
    }

    public void Dispose() => plot.Dispose();
}
