using System.IO.Compression;
using System.Net;
using System.Text;
using MarketContext.TestSupport;
using MarketContext.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace MarketContext.Web.Tests.Http;

public sealed class CompressionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<HttpResponseMessage> GetAsync(string url, string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await app.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("/api/chart/values")]
    [InlineData("/api/chart/overview")]
    [InlineData("/api/chart/layout?width=640&height=320")]
    [InlineData("/api/chart.csv")]
    [InlineData("/api/chart.svg?width=640&height=320")]
    [InlineData("/api/chart/values?from=2020-13-01")]
    [InlineData("/js/dashboard.js")]
    [InlineData("/css/site.css")]
    public async Task Text_answers_travel_brotli_compressed(string url)
    {
        var response = await GetAsync(url, "gzip, br");

        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Fact]
    public async Task A_client_without_brotli_gets_gzip_of_the_same_answer()
    {
        var plain = await (await GetAsync("/api/chart.csv", "identity")).Content.ReadAsByteArrayAsync();

        var response = await GetAsync("/api/chart.csv", "gzip");

        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var unpacked = new MemoryStream();
        await gzip.CopyToAsync(unpacked);
        Assert.Equal(plain, unpacked.ToArray());
        Assert.True(plain.Length > 100, "The CSV is long enough for the comparison to mean something.");
    }

    [Theory]
    // Pages carry the antiforgery token beside text a visitor controls: compressed, its length would leak it (BREACH).
    [InlineData("/")]
    [InlineData("/Events")]
    // Already compressed.
    [InlineData("/api/chart.png?width=640&height=320")]
    public async Task Pages_and_pictures_are_sent_as_they_are(string url)
    {
        var response = await GetAsync(url, "gzip, br");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task An_answer_that_is_already_encoded_is_not_compressed_again()
    {
        var precompressed = new byte[] { 0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8 };
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddMarketContextCompression();
        await using var server = builder.Build();
        server.UseResponseCompression();
        server.MapGet("/app.js", async context =>
        {
            context.Response.ContentType = "text/javascript";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(precompressed);
        });
        await server.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app.js");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");

        var response = await server.GetTestClient().SendAsync(request);

        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.Equal(precompressed, await response.Content.ReadAsByteArrayAsync());
        await server.StopAsync();
    }
}
