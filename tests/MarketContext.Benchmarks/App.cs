using MarketContext.TestSupport;

namespace MarketContext.Benchmarks;

/// <summary>The real app as in production on a real loopback port, with its own database, fed from a price folder.</summary>
public sealed class App : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;

    /// <param name="marketsDirectory">The home-market listings and FX rates to import as well; none when null.</param>
    /// <param name="settings">Configuration a target needs beside the defaults.</param>
    public App(string pricesDirectory, string? marketsDirectory = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?> { ["MarketContext:AllowUnencryptedKeys"] = "true", ["MarketContext:MarketsDirectory"] = marketsDirectory ?? "" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }
        _factory = new MarketContextFactory(_folder.Combine("bench.db"), pricesDirectory, keysDirectory: null, configuration,
            environment: "Production", quiet: true);
        BaseAddress = new Uri(_factory.StartKestrel());
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    public HttpClient Http() => new() { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _folder.Dispose();
    }
}
