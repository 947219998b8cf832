using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Http;

/// <summary>
/// Behind a reverse proxy that terminates TLS, the app sees the proxy's address and plain HTTP. The proxies named in
/// <c>MarketContext:TrustedProxies</c> (addresses or networks, comma-separated) are believed about the client's
/// address and scheme (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>), so cookies are Secure over HTTPS and each
/// client has a rate-limit budget of its own. Nobody else is believed: without the setting those headers are ignored.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<MarketContextOptions>>((forwarded, settings) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the named ones: not even loopback by default.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var entry in Parse(settings.Value.TrustedProxies))
            {
                forwarded.KnownIPNetworks.Add(entry);
            }
        });
        return services;
    }

    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (Parse(app.Services.GetRequiredService<IOptions<MarketContextOptions>>().Value.TrustedProxies).Count > 0)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }

    /// <summary>Each entry as a network (an address alone is a network of one); a start-up error names a bad one.</summary>
    public static IReadOnlyList<System.Net.IPNetwork> Parse(string? setting) =>
        [.. (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(entry =>
            System.Net.IPNetwork.TryParse(entry, out var network) ? network
            : IPAddress.TryParse(entry, out var address) ? new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8)
            : throw new InvalidOperationException(
                $"MarketContext:TrustedProxies: \"{entry}\" is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/8)."))];
}
