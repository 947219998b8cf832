using MarketContext.Web.Http;

namespace MarketContext.Tests.Http;

public sealed class EmbedFramingTests
{
    [Theory]
    [InlineData("'self'", "'self'")]
    [InlineData("*", "*")]
    [InlineData("  'self'   https://news.example.org\thttps://*.example.com:8443 http://localhost:* ", "'self' https://news.example.org https://*.example.com:8443 http://localhost:*")]
    public void Origins_self_and_any_are_read_as_the_header_names_them(string setting, string sources)
    {
        Assert.Equal(sources, EmbedFraming.Parse(setting));
    }

    [Theory]
    [InlineData("https://news.example.org/path")]
    [InlineData("https://news.example.org; script-src *")]
    [InlineData("https://a.example.org,https://b.example.org")]
    [InlineData("news.example.org")]
    [InlineData("'none'")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://news.example.org:99999")]
    [InlineData("https://news.example.org\r\nSet-Cookie: x=1")]
    public void Anything_but_an_origin_stops_the_start_naming_the_entry(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => EmbedFraming.Parse($"'self' {entry}"));

        Assert.StartsWith(EmbedFraming.Setting, error.Message, StringComparison.Ordinal);
        Assert.Contains("is not an origin", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void An_empty_setting_is_refused_rather_than_read_as_no_site(string? setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => EmbedFraming.Parse(setting));

        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
    }
}
