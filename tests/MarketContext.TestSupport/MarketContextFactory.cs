using MarketContext.Web.Features.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketContext.TestSupport;

/// <summary>
/// The app on a database file and a prices folder of the test's choosing. Settings are added last, so they
/// win over the environment (the test script exports <c>MarketContext__PricesDirectory</c>). Data-protection
/// keys live in the test's database as in production, or in <paramref name="keysDirectory"/> when one is given.
/// </summary>
/// <param name="environment">The host environment: <c>Testing</c> for tests, <c>Production</c> where figures are measured.</param>
/// <param name="quiet">No log output at all (a benchmark's console carries its figures only).</param>
public sealed class MarketContextFactory(string databasePath, string pricesDirectory, string? keysDirectory, IReadOnlyDictionary<string, string?>? settings = null,
    string environment = "Testing", bool quiet = false)
    : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = databasePath;

    public string PricesDirectory { get; } = pricesDirectory;

    /// <summary>The app's clock, when the test moves time on itself; the system's otherwise. Set before the app starts.</summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>Services added after the app's, before it starts (an in-memory exporter, say).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>On a folder's own files: <c>db/marketcontext.db</c>, <c>prices/</c>, <c>keys/</c>.</summary>
    public static MarketContextFactory In(TempFolder folder, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null) =>
        new(folder.Combine("db", "marketcontext.db"), Directory.CreateDirectory(folder.Combine("prices")).FullName, keysDirectory: null, settings) { Clock = clock };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The repository root, as for scripts/run.sh: it holds the web root (wwwroot/) and data/. Named outright: a harness
        // run as its own program (the benchmarks) is not found beside the app by the factory.
        builder.UseSolutionRelativeContentRoot("");
        builder.UseEnvironment(environment);
        if (quiet)
        {
            builder.ConfigureLogging(logging => logging.ClearProviders());
        }
        // Read while services are registered (the Redis backplane and the telemetry exporters are added or not, the key
        // certificate loaded), before the settings below arrive: a host setting is there from the start.
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (key is "MarketContext:Redis" or "MarketContext:KeyCertificatePath" or "MarketContext:KeyCertificatePassword"
                || key.StartsWith("OTEL_", StringComparison.Ordinal) || key.StartsWith("MarketContext:Telemetry:", StringComparison.Ordinal))
            {
                builder.UseSetting(key, value);
            }
        }
        builder.ConfigureAppConfiguration((_, configuration) =>
        {
            var values = new Dictionary<string, string?>
            {
                ["MarketContext:Database"] = DatabasePath,
                ["MarketContext:PricesDirectory"] = PricesDirectory,
                // The test script names the real markets folder for the tests that read it; an app under test imports none unless told.
                ["MarketContext:MarketsDirectory"] = "",
            };
            // SQLite on that file, or, in the PostgreSQL run, a database of its own standing for it.
            foreach (var (key, value) in TestDatabase.SettingsFor(DatabasePath))
            {
                values[key] = value;
            }
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }
            configuration.AddInMemoryCollection(values);
        });
        if (TestServices is { } testServices)
        {
            builder.ConfigureTestServices(testServices);
        }
        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
        if (keysDirectory is not null)
        {
            builder.ConfigureServices(services =>
                services.AddDataProtection().PersistKeysToFileSystem(Directory.CreateDirectory(keysDirectory)));
        }
    }

    /// <summary>Makes the client act for a user of that role (created on first use) with a bearer token.</summary>
    public HttpClient Authorize(HttpClient client, string name = "editor", string role = "editor")
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TokenFor(name, role));
        return client;
    }

    public string TokenFor(string name, string role)
    {
        var users = Services.GetRequiredService<UserStore>();
        var user = users.FindAsync(name).GetAwaiter().GetResult() ?? users.AddAsync(name, $"password-of-{name}", role).GetAwaiter().GetResult();
        return users.CreateTokenAsync(user).GetAwaiter().GetResult();
    }

    /// <summary>Starts a real Kestrel server on a free loopback port and answers its base address.</summary>
    public string StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().TrimEnd('/');
    }
}

/// <summary>One app per test class, on its own temp database, with the standard ERIC/NOK/QQQ fixtures.</summary>
public sealed class AppFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public AppFixture()
    {
        Factory = MarketContextFactory.In(_folder);
        PriceFixtures.WriteStandardSeries(Factory.PricesDirectory);
        Client = Factory.Authorize(Factory.CreateClient());
    }

    public MarketContextFactory Factory { get; }

    public HttpClient Client { get; }

    public TempFolder Folder => _folder;

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        _folder.Dispose();
    }
}
