namespace MarketContext.Web;

public sealed class MarketContextOptions
{
    public const string Section = "MarketContext";

    public string Database { get; set; } = "data/marketcontext.db";
    public string PricesDirectory { get; set; } = "data/prices";

    /// <summary>A second folder of <c>SYMBOL.csv</c> imported at start-up like the prices folder: home-market listings, indices, FX rates; empty for none.</summary>
    public string MarketsDirectory { get; set; } = "data/markets";

    /// <summary>The series that becomes the benchmark when first imported into a database that has none yet.</summary>
    public string Benchmark { get; set; } = "QQQ";

    /// <summary>The series, comma-separated, that become vendors when first imported; an editor changes roles after that.</summary>
    public string Vendors { get; set; } = "ERIC,NOK";

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

    /// <summary>Memory the in-memory series of charts and event studies may hold, in bytes; the least recently used go first.</summary>
    public long SeriesCacheBytes { get; set; } = 256L * 1024 * 1024;
    /// <summary>Days an API token works when <c>tokens create</c> is not given <c>--expires-days</c>.</summary>
    public int TokenLifetimeDays { get; set; } = 90;

    /// <summary>Hours a browser session lasts at most from its sign-in, however active (ASVS level 2: at most 12).</summary>
    public double SessionLifetimeHours { get; set; } = 12;

    /// <summary>Minutes without a request after which a browser session ends (ASVS level 2: at most 30).</summary>
    public double SessionIdleMinutes { get; set; } = 30;

    /// <summary>
    /// Keep the data-protection keys (which sign cookies and antiforgery tokens) unencrypted in the database, with a
    /// warning at start. Without a certificate (<c>KeyCertificatePath</c>) the app refuses to start unless this is true;
    /// unset, it is true only in the Development and Testing environments.
    /// </summary>
    public bool? AllowUnencryptedKeys { get; set; }

    /// <summary>A PKCS#12 (.pfx) certificate with its private key that encrypts the data-protection keys at rest.</summary>
    public string? KeyCertificatePath { get; set; }

    /// <summary>The password of <see cref="KeyCertificatePath"/>, if it has one.</summary>
    public string? KeyCertificatePassword { get; set; }

    /// <summary>Pictures drawn at once; 0 means one per core but one. Requests beyond wait in line, then get 503.</summary>
    public int RenderConcurrency { get; set; }

    /// <summary>Requests that may wait for a rendering slot at once; one more gets 503 straight away.</summary>
    public int RenderQueueLimit { get; set; } = 64;

    /// <summary>Seconds a request waits for a rendering slot before it gets 503.</summary>
    public double RenderQueueSeconds { get; set; } = 10;

    /// <summary>Chart and event-study pictures (and their layout and CSV) one anonymous address may ask for per minute.</summary>
    public int AnonymousRendersPerMinute { get; set; } = 120;

    /// <summary>
    /// Seconds a write waits for SQLite's one writer lock (held by a long import) before it is answered 503 with
    /// <c>Retry-After</c>.
    /// </summary>
    public double DatabaseBusySeconds { get; set; } = 10;

    /// <summary>Longest annotation text, in characters.</summary>
    public int MaxAnnotationLength { get; set; } = 2000;

    /// <summary>Memory the rendered chart pictures kept for repeat viewers may take, in bytes.</summary>
    public long ChartCacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>What the live connections may take: connections per address and account, view changes, send time.</summary>
    public Http.LiveOptions Live { get; set; } = new();

    /// <summary>Hours a POST's <c>Idempotency-Key</c> is remembered: a retry within them never stores twice.</summary>
    public double IdempotencyKeyHours { get; set; } = 24;

    /// <summary>Reverse proxies believed about the client's address and scheme: addresses or networks, comma-separated.</summary>
    public string? TrustedProxies { get; set; }

    /// <summary>Writes one account may make per window: new annotations a minute, imports an hour.</summary>
    public Features.Auth.WriteQuotaOptions Quotas { get; set; } = new();

    /// <summary>Which sites may frame the embeds.</summary>
    public Http.EmbedOptions Embed { get; set; } = new();
}
