namespace MarketContext.Web;

public sealed class MarketContextOptions
{
    public const string Section = "MarketContext";

    public string Database { get; set; } = "data/marketcontext.db";
    public string PricesDirectory { get; set; } = "data/prices";
    public string Benchmark { get; set; } = "QQQ";
    public string Provider { get; set; } = "sqlite";
    public string? ConnectionString { get; set; }
    public string? Redis { get; set; }

    /// <summary>Sign-in attempts one client address may make per minute before it is told to wait.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>When true, reading the dashboard and the API needs a signed-in user too.</summary>
    public bool RequireSignInToRead { get; set; }

    /// <summary>Largest price file an import accepts, in bytes.</summary>
    public long MaxImportBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>The online source of the refresh button and the <c>fetch</c> verb.</summary>
    public Features.Prices.PriceSourceOptions PriceSource { get; set; } = new();

    /// <summary>Longest annotation text, in characters.</summary>
    public int MaxAnnotationLength { get; set; } = 2000;

    /// <summary>Memory the rendered chart pictures kept for repeat viewers may take, in bytes.</summary>
    public long ChartCacheBytes { get; set; } = 64L * 1024 * 1024;
}
