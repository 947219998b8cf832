using MarketContext.Web.Features.Publications;

namespace MarketContext.Tests.Features.Publications;

/// <summary>Wrapping and cutting with a measure where every character is one unit wide, so the expected lines can be counted by eye.</summary>
public sealed class PdfTextTests
{
    private static float Units(string text) => text.Length;

    [Fact]
    public void Words_wrap_to_the_width_and_paragraphs_keep_one_blank_line()
    {
        var lines = PdfText.Wrap("aaa bbb ccc\n\n\n\nddd", 7, Units, maxLines: 10);

        Assert.Equal(["aaa bbb", "ccc", "", "ddd"], lines);
    }

    [Fact]
    public void A_word_wider_than_the_line_is_broken_inside()
    {
        var lines = PdfText.Wrap("x " + new string('w', 12), 5, Units, maxLines: 10);

        Assert.Equal(["x", "wwwww", "wwwww", "ww"], lines);
    }

    [Fact]
    public void Text_past_the_last_line_is_cut_with_a_visible_ellipsis_within_the_width()
    {
        var lines = PdfText.Wrap("one two three four five six", 9, Units, maxLines: 2);

        Assert.Equal(["one two", "three…"], lines);
        Assert.All(lines, l => Assert.True(l.Length <= 9));
    }

    [Fact]
    public void A_ten_thousand_character_word_stops_at_the_line_limit()
    {
        var lines = PdfText.Wrap(new string('z', 10_000), 40, Units, maxLines: 3);

        Assert.Equal(3, lines.Count);
        Assert.EndsWith("…", lines[2], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.Length <= 40));
    }

    [Fact]
    public void Control_characters_become_spaces_and_broken_surrogates_a_replacement_character()
    {
        Assert.Equal("a b c\nd\ne", PdfText.Clean("a\u0000b\u001bc\r\nd\re\u0007"));
        Assert.Equal("x\uFFFDy \U0001F600", PdfText.Clean("x\uD800y \U0001F600"));
        Assert.Equal("a b", PdfText.Clean("a\nb", keepLineBreaks: false));
    }

    [Fact]
    public void A_cell_fits_whole_or_is_cut_without_splitting_a_character_pair()
    {
        Assert.Equal("short", PdfText.Fit("short", 5, Units));
        Assert.Equal("lon…", PdfText.Fit("longer", 4, Units));
        Assert.Equal("ab…", PdfText.Fit("ab\U0001F600\U0001F600", 4, Units));
    }
}
