using MarketContext.Web.Http;

namespace MarketContext.Tests.Http;

public sealed class TrustedProxiesParseTests
{
    [Fact]
    public void Addresses_and_networks_are_read_each_as_a_network()
    {
        var networks = TrustedProxies.Parse(" 10.0.0.0/8, 192.168.1.5 ,::1,, 2001:db8::/32");

        Assert.Equal(["10.0.0.0/8", "192.168.1.5/32", "::1/128", "2001:db8::/32"], networks.Select(n => n.ToString()));
    }

    [Fact]
    public void Nothing_set_trusts_nobody()
    {
        Assert.Empty(TrustedProxies.Parse(null));
        Assert.Empty(TrustedProxies.Parse(" "));
    }

    [Theory]
    [InlineData("10.0.0.300")]
    [InlineData("10.0.0.0/33")]
    [InlineData("proxy.example")]
    public void A_bad_entry_stops_start_up_naming_it(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TrustedProxies.Parse($"10.0.0.1,{entry}"));

        Assert.Contains($"\"{entry}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("MarketContext:TrustedProxies", error.Message, StringComparison.Ordinal);
    }
}
