using MarketContext.TestSupport;

namespace MarketContext.Benchmarks;

/// <summary>The real app as in production on a real loopback port, with its own database, fed from a price folder.</summary>
public sealed class App : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;

    public App(string pricesDirectory)
    {
        _factory = new MarketContextFactory(_folder.Combine("bench.db"), pricesDirectory, keysDirectory: null,
            new Dictionary<string, string?> { ["MarketContext:AllowUnencryptedKeys"] = "true" }, environment: "Production", quiet: true);
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
