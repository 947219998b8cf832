using System.Globalization;
using MarketContext.Web.Rendering;
using SkiaSharp;

namespace MarketContext.Web.Features.Publications;

/// <summary>A table printed under the chart: a header and rows of text, as the study's CSV would have them.</summary>
public sealed record PdfTable(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows);

/// <summary>
/// A publication as one A4 page of vector PDF: title, subtitle, the chart drawn by the renderer that draws its PNG and
/// SVG, the alternative text, the study's table, the notes, and source, byline and licence at the foot. Everything is
/// laid out top-down against a fixed foot, and text that does not fit is cut with "…": the document never grows a
/// second page. Equal input gives equal bytes: the document's dates are the publication's, never the clock's.
/// </summary>
public static class PublicationPdf
{
    // A4 portrait, in points (1/72 inch).
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;
    private const float Margin = 42;
    private const float ContentWidth = PageWidth - 2 * Margin;
    private const float Gap = 8;

    /// <summary>
    /// The width in pixels to lay a publication's chart out at for this page: shrunk to the page's text width, its
    /// 12-pixel labels print at about 8 points, as large beside the page's text as on a screen.
    /// </summary>
    public const int ChartLayoutWidth = 780;
    private const float ChartMaxHeight = PageHeight * 0.4f;

    private static readonly SKColor Ink = new(0x1a, 0x1a, 0x1a);
    private static readonly SKColor Muted = new(0x55, 0x55, 0x55);
    private static readonly SKColor Rule = new(0xbb, 0xbb, 0xbb);

    public static byte[] Write(ChartPicture picture, PublicationFurniture furniture, DateTime publishedAt, PdfTable? table)
    {
        var published = publishedAt.Kind == DateTimeKind.Local ? publishedAt.ToUniversalTime() : DateTime.SpecifyKind(publishedAt, DateTimeKind.Utc);
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = PdfText.Clean(furniture.Title, keepLineBreaks: false);
        metadata.Subject = PdfText.Clean(furniture.AltText, keepLineBreaks: false);
        metadata.Author = PdfText.Clean(furniture.Byline, keepLineBreaks: false);
        metadata.Creator = "MarketContext";
        metadata.Producer = "MarketContext";
        metadata.Creation = published;
        metadata.Modified = published;

        using var output = new MemoryStream();
        using (var document = SKDocument.CreatePdf(output, metadata))
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            using var page = new Page(canvas);
            Compose(page, picture, furniture, published, table);
            document.EndPage();
            document.Close();
        }
        return output.ToArray();
    }

    private static void Compose(Page page, ChartPicture picture, PublicationFurniture furniture, DateTime published, PdfTable? table)
    {
        var footTop = DrawFoot(page, furniture, published);
        var y = Margin;
        y = page.Paragraph(furniture.Title, page.Title, 21, Ink, y, maxLines: 3);
        y = page.Paragraph(furniture.Subtitle, page.Body, 14, Muted, y + 2, maxLines: 3) + Gap;

        var chartWidth = Math.Min(ContentWidth, ChartMaxHeight * picture.Size.Width / picture.Size.Height);
        page.Canvas.Save();
        page.Canvas.Translate(Margin, y);
        y += picture.DrawOn(page.Canvas, chartWidth) + Gap;
        page.Canvas.Restore();

        y = page.Paragraph(furniture.AltText, page.Small, 11, Muted, y, maxLines: 8) + Gap;

        var bottom = footTop - Gap;
        var notes = page.Lines(furniture.Notes, page.Body, maxLines: 4);
        if (table is { Header.Count: > 0 })
        {
            // The table takes what is left after the first few lines of the notes; the notes then take the rest.
            var forTable = bottom - y - Math.Min(notes.Count, 4) * 13f - (notes.Count > 0 ? Gap : 0);
            y = PdfTableDrawing.Draw(page, table, y, forTable) + Gap;
        }
        page.Paragraph(furniture.Notes, page.Body, 13, Ink, y, maxLines: (int)Math.Floor((bottom - y) / 13));
    }

    /// <summary>Source, byline, licence and the publication's date, set from the page's foot upwards; returns the foot's top.</summary>
    private static float DrawFoot(Page page, PublicationFurniture furniture, DateTime published)
    {
        string?[] parts =
        [
            Labelled("Source: ", furniture.Source),
            Labelled("Chart: ", furniture.Byline),
            Labelled("Licence: ", furniture.Licence),
            "Published " + published.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        ];
        var lines = parts.Where(p => p is not null).SelectMany(p => page.Lines(p, page.Small, maxLines: 3)).ToList();
        const float lineHeight = 11;
        var top = PageHeight - Margin - lines.Count * lineHeight;
        page.Line(Margin, top - 4, Margin + ContentWidth, top - 4);
        for (var i = 0; i < lines.Count; i++)
        {
            page.Text(lines[i], page.Small, Muted, Margin, top + (i * lineHeight), lineHeight);
        }
        return top - 4;
    }

    private static string? Labelled(string label, string? text) => string.IsNullOrWhiteSpace(text) ? null : label + text;

    /// <summary>The page being drawn, with the fonts the charts use (ScottPlot's typeface for the pictures' family).</summary>
    internal sealed class Page : IDisposable
    {
        private readonly SKPaint _paint = new() { IsAntialias = true };
        private readonly SKPaint _rule = new() { IsAntialias = true, Color = Rule, StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };

        public Page(SKCanvas canvas)
        {
            Canvas = canvas;
            var regular = ScottPlot.Fonts.GetTypeface(PictureFonts.Family, bold: false, italic: false);
            var bold = ScottPlot.Fonts.GetTypeface(PictureFonts.Family, bold: true, italic: false);
            Title = new SKFont(bold, 17);
            Body = new SKFont(regular, 9.5f);
            Small = new SKFont(regular, 8);
            SmallBold = new SKFont(bold, 8);
        }

        public SKCanvas Canvas { get; }
        public SKFont Title { get; }
        public SKFont Body { get; }
        public SKFont Small { get; }
        public SKFont SmallBold { get; }
        public SKColor Ink => PublicationPdf.Ink;
        public SKColor Muted => PublicationPdf.Muted;
        public static float Left => Margin;
        public static float Width => ContentWidth;

        public IReadOnlyList<string> Lines(string? text, SKFont font, int maxLines) =>
            PdfText.Wrap(text, ContentWidth, t => font.MeasureText(t), maxLines);

        /// <summary>Wrapped text from <paramref name="top"/> down; returns where the next block may start.</summary>
        public float Paragraph(string? text, SKFont font, float lineHeight, SKColor color, float top, int maxLines)
        {
            var lines = Lines(text, font, maxLines);
            for (var i = 0; i < lines.Count; i++)
            {
                Text(lines[i], font, color, Margin, top + (i * lineHeight), lineHeight);
            }
            return top + lines.Count * lineHeight;
        }

        /// <summary>One line of text in a box whose top is <paramref name="top"/>; right-aligned at <paramref name="x"/> when asked.</summary>
        public void Text(string line, SKFont font, SKColor color, float x, float top, float lineHeight, bool alignRight = false)
        {
            _paint.Color = color;
            var baseline = top + (lineHeight + font.Size * 0.7f) / 2;
            Canvas.DrawText(line, x, baseline, alignRight ? SKTextAlign.Right : SKTextAlign.Left, font, _paint);
        }

        public void Line(float x0, float y0, float x1, float y1) => Canvas.DrawLine(x0, y0, x1, y1, _rule);

        public void Dispose()
        {
            _paint.Dispose();
            _rule.Dispose();
            Title.Dispose();
            Body.Dispose();
            Small.Dispose();
            SmallBold.Dispose();
        }
    }
}
