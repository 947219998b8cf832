using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace MarketContext.Web.Http;

/// <summary>
/// Text answers travel compressed (Brotli, else gzip): JSON, CSV, SVG, scripts and styles. Pages are not: they carry
/// the antiforgery token next to text a visitor can put there, which compression would leak length by length
/// (BREACH). An answer that already has a Content-Encoding (a precompressed file) is sent as it is.
/// </summary>
public static class Compression
{
    public static readonly string[] CompressedTypes =
    [
        "application/json", "application/problem+json", "text/csv", "image/svg+xml", "text/javascript", "application/javascript", "text/css",
    ];

    public static IServiceCollection AddMarketContextCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // Only the types above: the framework's defaults include text/html.
            o.MimeTypes = CompressedTypes;
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // Answers are compressed as they are made: the fastest level saves most of the bytes at a small cost in time.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }
}
