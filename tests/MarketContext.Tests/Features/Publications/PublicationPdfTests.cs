using MarketContext.Web.Features.Charts;
using MarketContext.Web.Features.Prices;
using MarketContext.Web.Features.Publications;
using MarketContext.Web.Rendering;
using UglyToad.PdfPig;

namespace MarketContext.Tests.Features.Publications;

/// <summary>The publication's PDF, read back by an independent PDF reader: one page, drawn as text and lines, never spilling.</summary>
public sealed class PublicationPdfTests
{
    private static readonly DateTime PublishedAt = new(2026, 3, 5, 14, 30, 0, DateTimeKind.Utc);

    private static readonly PublicationFurniture Furniture = new(
        "Ericsson's ADR around the UK decision",
        "Cumulative abnormal return, market model",
        "Estimated over 250 sessions before the window.",
        "Nasdaq Stockholm via Stooq",
        "Markets desk",
        "CC BY 4.0",
        "Ericsson's ADR fell 3.1% more than the market model predicted over the three days around the UK decision (p = 0.04)");

    private static readonly PdfTable Table = new(
        ["Day", "AR", "CAR", "t"],
        [["-1", "0.42%", "0.42%", "0.61"], ["0", "-2.10%", "-1.68%", "-2.35"], ["1", "-1.40%", "-3.08%", "-2.01"]]);

    private static ChartPicture Picture()
    {
        var days = new[] { new DateOnly(2020, 3, 2), new DateOnly(2020, 3, 3), new DateOnly(2020, 3, 4) };
        var data = new ChartData([new ChartSeries("ERIC", "Ericsson B", days, [8, 8.2, 8.1])], [], [], null,
            Origins: [new SeriesOrigin("ERIC", "stooq", new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc))]);
        return ChartRenderer.Render(data, new ChartOptions(new DateOnly(2020, 3, 1), new DateOnly(2020, 3, 31), ChartMode.Price, false, PublicationPdf.ChartLayoutWidth, 390));
    }

    private static byte[] Write(PublicationFurniture furniture, PdfTable? table, DateTime? publishedAt = null)
    {
        using var picture = Picture();
        return PublicationPdf.Write(picture, furniture, publishedAt ?? PublishedAt, table);
    }

    private static string WithoutSpaces(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>
    /// Every glyph lies inside the page and none is drawn over another: text that ran on past its room would either
    /// leave the page or run into the block below it.
    /// </summary>
    private static void AssertAllTextOnThePageApart(UglyToad.PdfPig.Content.Page page)
    {
        // The chart draws a few labels twice on the same spot (its legend); a glyph over its exact double is not text out of place.
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).Select(l => (l.Value, Box: l.BoundingBox)).Distinct().ToList();
        Assert.All(letters, l => Assert.True(
            l.Box.Left >= 0 && l.Box.Right <= page.Width && l.Box.Bottom >= 0 && l.Box.Top <= page.Height,
            $"'{l.Value}' at {l.Box} lies outside the page"));
        letters.Sort((a, b) => a.Box.Left.CompareTo(b.Box.Left));
        for (var i = 0; i < letters.Count; i++)
        {
            for (var j = i + 1; j < letters.Count && letters[j].Box.Left < letters[i].Box.Right; j++)
            {
                var (a, b) = (letters[i].Box, letters[j].Box);
                var overlap = Math.Max(0, Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left)) * Math.Max(0, Math.Min(a.Top, b.Top) - Math.Max(a.Bottom, b.Bottom));
                // Neighbouring glyphs of one word may touch; a glyph drawn over another covers much of it.
                Assert.True(overlap <= 0.3 * Math.Min(a.Area, b.Area), $"'{letters[i].Value}' at {a} is drawn over '{letters[j].Value}' at {b}");
            }
        }
    }

    [Fact]
    public void One_vector_page_carries_the_furniture_the_alt_text_and_the_tables_cells()
    {
        using var pdf = PdfDocument.Open(Write(Furniture, Table));

        Assert.Equal(1, pdf.NumberOfPages);
        var page = pdf.GetPage(1);
        Assert.Empty(page.GetImages());
        var text = WithoutSpaces(page.Text);
        foreach (var expected in new[] { Furniture.Title, Furniture.Subtitle!, Furniture.Notes!, Furniture.Source!, Furniture.Byline!, Furniture.Licence!, Furniture.AltText })
        {
            Assert.Contains(WithoutSpaces(expected), text, StringComparison.Ordinal);
        }
        Assert.All(Table.Header.Concat(Table.Rows.SelectMany(r => r)), cell => Assert.Contains(cell, text, StringComparison.Ordinal));
        // The chart itself is text and paths too: its legend names the series.
        Assert.Contains("EricssonB", text, StringComparison.Ordinal);
        Assert.Equal(Furniture.Title, pdf.Information.Title);
        Assert.Equal(Furniture.AltText, pdf.Information.Subject);
        AssertAllTextOnThePageApart(page);
    }

    [Fact]
    public void The_same_publication_gives_the_same_bytes_dated_when_it_was_published()
    {
        var first = Write(Furniture, Table);
        var second = Write(Furniture, Table);
        var later = Write(Furniture, Table, PublishedAt.AddDays(1));

        Assert.Equal(first, second);
        Assert.NotEqual(first, later);
        using var pdf = PdfDocument.Open(first);
        Assert.StartsWith("D:20260305143000", pdf.Information.CreationDate, StringComparison.Ordinal);
        Assert.StartsWith("D:20260305143000", pdf.Information.ModifiedDate, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_text_in_every_field_is_drawn_as_text_on_one_page_and_cut_visibly()
    {
        const string hostile = "<script>alert(1)</script> ) ( \\ %% endobj \u0000\u0007\u001b\u202e";
        var longWord = new string('W', 3_000);
        var notes = string.Concat(Enumerable.Repeat("Ten words of notes that go on and on and on. ", 250));
        Assert.True(notes.Length >= 10_000);
        var furniture = new PublicationFurniture(hostile + " " + longWord, hostile, hostile + "\n" + notes, hostile, hostile, hostile + longWord, hostile + " " + longWord);
        var table = new PdfTable(["<b>", ")(", "\\"], [[hostile, longWord, "1"], ["\u0000", "(", ")"]]);

        using var pdf = PdfDocument.Open(Write(furniture, table));

        Assert.Equal(1, pdf.NumberOfPages);
        var page = pdf.GetPage(1);
        var text = page.Text;
        Assert.Contains("<script>alert(1)</script>", text, StringComparison.Ordinal);
        Assert.Contains(") ( \\ %% endobj", text, StringComparison.Ordinal);
        Assert.Contains("…", text, StringComparison.Ordinal);
        // The notes are cut where the page ends, visibly.
        Assert.Matches(@"\b(Ten|words|of|notes|that|go|on|and)\.?…", text);
        Assert.DoesNotContain('\u0000', text);
        Assert.DoesNotContain('\u001b', text);
        Assert.StartsWith("<script>alert(1)</script> ) ( \\ %% endobj", pdf.Information.Title, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0000', pdf.Information.Title!);
        AssertAllTextOnThePageApart(page);
    }

    [Fact]
    public void A_table_longer_than_the_page_shows_the_rows_that_fit_and_counts_the_rest()
    {
        var rows = Enumerable.Range(0, 500).Select(i => new[] { $"row{i}", $"{i}.5" }).ToList();

        using var pdf = PdfDocument.Open(Write(Furniture, new PdfTable(["Name", "Value"], rows)));

        Assert.Equal(1, pdf.NumberOfPages);
        var page = pdf.GetPage(1);
        var text = page.Text;
        Assert.Contains("row0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("row499", text, StringComparison.Ordinal);
        Assert.Matches(@"… and \d+ more rows", text);
        Assert.Contains(WithoutSpaces(Furniture.Source!), WithoutSpaces(text), StringComparison.Ordinal);
        AssertAllTextOnThePageApart(page);
    }
}
