using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Http;

/// <summary>The app on a real socket, as a browser meets its web root.</summary>
public sealed class WebRootFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public WebRootFixture()
    {
        Factory = MarketContextFactory.In(_folder);
        PriceFixtures.WriteStandardSeries(Factory.PricesDirectory);
        // No automatic decompression: what the server sent is what the test reads.
        Client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(Factory.StartKestrel()) };
    }

    public MarketContextFactory Factory { get; }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        _folder.Dispose();
    }
}

/// <summary>
/// The top-level wwwroot as static web assets: every file the dashboard loads is fingerprinted and cached for good,
/// modules import each other through the page's import map, and the map is the one inline script the policy lets run.
/// </summary>
public sealed partial class WebRootTests(WebRootFixture app) : IClassFixture<WebRootFixture>
{
    [Fact]
    public async Task Every_script_and_stylesheet_of_the_dashboard_is_fingerprinted_and_cached_for_good()
    {
        var page = await PageAsync("/");

        var urls = page.ScriptSources.Concat(page.Stylesheets).ToList();

        Assert.Contains(urls, u => u.StartsWith("/js/dashboard.", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith("/lib/signalr/signalr.min.", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith("/css/site.", StringComparison.Ordinal));
        Assert.All(urls, url => Assert.Matches(Fingerprinted(), url));
        foreach (var url in urls)
        {
            using var response = await app.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            Assert.Equal("max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            Assert.NotNull(response.Headers.ETag);
        }
    }

    [Fact]
    public async Task Every_module_a_module_imports_resolves_through_the_import_map_to_a_fingerprinted_file()
    {
        var page = await PageAsync("/");
        var map = page.ImportMap;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(page.ModuleSources);
        Assert.Contains(pending, u => u.StartsWith("/js/dashboard.", StringComparison.Ordinal));

        while (pending.TryDequeue(out var module))
        {
            if (!seen.Add(module))
            {
                continue;
            }
            using var response = await app.Client.GetAsync(module);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{module}: {response.StatusCode}");
            Assert.Equal("max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            foreach (Match import in ImportSpecifier().Matches(await response.Content.ReadAsStringAsync()))
            {
                // As the browser does: the specifier against the module's own address, then the map.
                var resolved = new Uri(new Uri(app.Client.BaseAddress!, module), import.Groups["specifier"].Value).AbsolutePath;
                Assert.True(map.TryGetValue(resolved, out var target), $"{module} imports {resolved}, which the import map does not name");
                Assert.Matches(Fingerprinted(), target);
                pending.Enqueue(target);
            }
        }

        // dashboard.js and the modules behind it: the whole graph was walked, not just the entry scripts.
        Assert.Contains(seen, u => u.StartsWith("/js/dom.", StringComparison.Ordinal));
        Assert.Contains(seen, u => u.StartsWith("/js/chart-frame.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Import")]
    [InlineData("/Events")]
    [InlineData("/Login")]
    public async Task The_policy_lets_the_import_map_run_and_no_other_inline_script(string path)
    {
        using var response = await app.Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();

        var scriptSrc = policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        var map = Assert.Single(ImportMapElement().Matches(html)).Groups["json"].Value;
        var hash = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(map)))}'";
        Assert.Equal($"script-src 'self' {hash}", scriptSrc);
        // Every other script element either loads a file or is a data island the browser never runs.
        Assert.DoesNotMatch(@"<script(?![^>]*\b(src=|type=""application/json""|type=""importmap""))[^>]*>", html);
    }

    [Fact]
    public async Task A_browser_that_accepts_gzip_gets_the_build_s_compressed_copy()
    {
        var page = await PageAsync("/");
        var module = page.ModuleSources.Single(u => u.StartsWith("/js/dashboard.", StringComparison.Ordinal));

        using var plain = await app.Client.GetAsync(module);
        using var request = new HttpRequestMessage(HttpMethod.Get, module) { Headers = { { "Accept-Encoding", "gzip" } } };
        using var compressed = await app.Client.SendAsync(request);

        Assert.Equal("gzip", Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var packed = await compressed.Content.ReadAsByteArrayAsync();
        var original = await plain.Content.ReadAsByteArrayAsync();
        Assert.True(packed.Length < original.Length / 2, $"{packed.Length} bytes compressed of {original.Length}");
        await using var unpacked = new MemoryStream();
        await using (var gzip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(unpacked);
        }
        Assert.Equal(original, unpacked.ToArray());
    }

    [Fact]
    public void The_web_root_is_the_top_level_wwwroot_beside_the_content_root_s_data()
    {
        var environment = app.Factory.Services.GetRequiredService<IWebHostEnvironment>();

        Assert.True(File.Exists(Path.Combine(environment.ContentRootPath, "MarketContext.sln")), environment.ContentRootPath);
        Assert.Equal(Path.Combine(environment.ContentRootPath, "wwwroot"), environment.WebRootPath);
    }

    private async Task<Page> PageAsync(string path)
    {
        var html = await app.Client.GetStringAsync(path);
        var map = JsonDocument.Parse(Assert.Single(ImportMapElement().Matches(html)).Groups["json"].Value).RootElement
            .GetProperty("imports").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return new Page(
            [.. ScriptElement().Matches(html).Select(m => m.Groups["src"].Value)],
            [.. ScriptElement().Matches(html).Where(m => m.Groups["module"].Success).Select(m => m.Groups["src"].Value)],
            [.. StylesheetElement().Matches(html).Select(m => m.Groups["href"].Value)],
            map);
    }

    private sealed record Page(IReadOnlyList<string> ScriptSources, IReadOnlyList<string> ModuleSources, IReadOnlyList<string> Stylesheets,
        IReadOnlyDictionary<string, string> ImportMap);

    /// <summary>A file name with the build's content hash before its extension: <c>/js/dom.ag5t65qk7q.js</c>.</summary>
    [GeneratedRegex(@"^/[\w/.-]+\.[a-z0-9]{10}\.(js|css)$")]
    private static partial Regex Fingerprinted();

    [GeneratedRegex(@"<script(?<module> type=""module"")? src=""(?<src>[^""]+)""")]
    private static partial Regex ScriptElement();

    [GeneratedRegex(@"<link rel=""stylesheet"" href=""(?<href>[^""]+)""")]
    private static partial Regex StylesheetElement();

    [GeneratedRegex(@"<script type=""importmap"">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMapElement();

    /// <summary>Static (<c>import … from "./x.js"</c>, <c>import "./x.js"</c>) and dynamic (<c>import("./x.js")</c>) imports.</summary>
    [GeneratedRegex(@"(?:\bfrom\s*|\bimport\s*\(?\s*)[""'](?<specifier>\.{1,2}/[^""']+)[""']")]
    private static partial Regex ImportSpecifier();
}
