using System.Net;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Http;

/// <summary>Behind a TLS-terminating proxy, over real sockets from 127.0.0.1 standing for the proxy.</summary>
public sealed class TrustedProxiesTests
{
    private static (MarketContextFactory Factory, HttpClient Client) Start(TempFolder folder, string? trusted)
    {
        var settings = new Dictionary<string, string?> { ["MarketContext:AnonymousRendersPerMinute"] = "2" };
        if (trusted is not null)
        {
            settings["MarketContext:TrustedProxies"] = trusted;
        }
        var factory = MarketContextFactory.In(folder, settings);
        PriceFixtures.WriteStandardSeries(factory.PricesDirectory);
        return (factory, new HttpClient { BaseAddress = new Uri(factory.StartKestrel()) });
    }

    private static async Task<bool> CookieIsSecureAsync(HttpClient client, string? forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }
        using var response = await client.SendAsync(request);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        return cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<HttpStatusCode> ChartAsync(HttpClient client, string forwardedFor, int width)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/chart/layout?width={width}&height=300");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_trusted_proxy_is_believed_about_HTTPS_and_each_client_gets_its_own_budget()
    {
        using var folder = new TempFolder();
        var (factory, client) = Start(folder, "127.0.0.1");
        await using var _ = factory;
        using var __ = client;

        Assert.True(await CookieIsSecureAsync(client, "https"));
        Assert.False(await CookieIsSecureAsync(client, null));
        var first = new[] { await ChartAsync(client, "203.0.113.1", 400), await ChartAsync(client, "203.0.113.1", 401), await ChartAsync(client, "203.0.113.1", 402) };
        var other = await ChartAsync(client, "203.0.113.2", 403);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    [Fact]
    public async Task Without_the_setting_forwarded_headers_change_nothing()
    {
        using var folder = new TempFolder();
        var (factory, client) = Start(folder, trusted: null);
        await using var _ = factory;
        using var __ = client;

        Assert.False(await CookieIsSecureAsync(client, "https"));
        var first = new[] { await ChartAsync(client, "203.0.113.1", 400), await ChartAsync(client, "203.0.113.1", 401) };
        var other = await ChartAsync(client, "203.0.113.2", 403);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], first);
        Assert.Equal(HttpStatusCode.TooManyRequests, other);
    }

    [Fact]
    public async Task A_proxy_not_named_is_not_believed()
    {
        using var folder = new TempFolder();
        var (factory, client) = Start(folder, "10.0.0.0/8");
        await using var _ = factory;
        using var __ = client;

        Assert.False(await CookieIsSecureAsync(client, "https"));
    }
}
