using MarketContext.Web.Features.Publications;

namespace MarketContext.Tests.Features.Publications;

public sealed class PublicationRulesTests
{
    [Theory]
    [InlineData("Ericsson's ADR & the UK ban", "ericsson-s-adr-the-uk-ban")]
    [InlineData("  Nokia — Q2 2020!  ", "nokia-q2-2020")]
    [InlineData("Göteborg 5G", "g-teborg-5g")]
    [InlineData("<script>", "script")]
    [InlineData("***", "publication")]
    public void A_title_makes_a_slug_of_lower_case_letters_digits_and_single_dashes(string title, string slug)
    {
        Assert.Equal(slug, PublicationRules.SlugOf(title));
        Assert.True(PublicationRules.IsSlug(slug));
    }

    [Fact]
    public void A_long_title_is_cut_at_a_dash_within_sixty_characters()
    {
        var slug = PublicationRules.SlugOf("The chart of every vendor against the benchmark around the European decisions of 2020");

        Assert.Equal("the-chart-of-every-vendor-against-the-benchmark-around-the", slug);
    }

    [Theory]
    [InlineData("-a")]
    [InlineData("a--b")]
    [InlineData("A")]
    [InlineData("a b")]
    [InlineData("")]
    public void Only_a_slug_names_a_publication(string text) => Assert.False(PublicationRules.IsSlug(text));

    [Fact]
    public void Every_refusal_names_its_field_at_once()
    {
        var (kind, errors) = PublicationRules.Validate(new PublicationInput("graph", "", null, Notes: "ok\nline", Byline: "tab\there", Source: new string('s', 301)));

        Assert.Null(kind);
        Assert.Equal(["kind", "query", "title", "source", "byline"], errors.Select(e => e.Field));
    }

    [Fact]
    public void The_furniture_keeps_the_given_alternative_text_or_takes_the_generated_one()
    {
        var given = PublicationRules.Furniture(new PublicationInput("chart", "symbols=ERIC", " Title ", Subtitle: " ", AltText: "Mine."), "Generated.");
        var generated = PublicationRules.Furniture(new PublicationInput("chart", "symbols=ERIC", "Title"), "Generated.");

        Assert.Equal(new PublicationFurniture("Title", null, null, null, null, null, "Mine."), given);
        Assert.Equal("Generated.", generated.AltText);
    }
}
