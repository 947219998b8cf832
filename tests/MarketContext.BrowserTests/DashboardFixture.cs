using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MarketContext.TestSupport;
using MarketContext.Web.Features.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MarketContext.BrowserTests;

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard in Chromium";
}

/// <summary>
/// The real app on a real Kestrel port, over a fresh SQLite file and generated price files, and one headless
/// Debian Chromium that every test opens its own browser contexts in.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The browser's time zone: that of the test process (<c>TZ</c>, as <c>scripts/test.sh</c> sets it for each run),
    /// UTC when none is set. Dates must read the same in every zone.
    /// </summary>
    public static readonly string TimeZone = Environment.GetEnvironmentVariable("TZ") is { Length: > 0 } zone ? zone : "UTC";

    private readonly string _root = Directory.CreateTempSubdirectory("marketcontext-browser-").FullName;
    private MarketContextFactory? _factory;
    private IPlaywright? _playwright;
    private int _clients;

    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The running app's services, for arranging what a test needs: accounts and tokens.</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The app is not running yet.");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);

        var prices = Directory.CreateDirectory(Path.Combine(_root, "prices")).FullName;
        PriceFixtures.WriteWaves(prices, "ERIC", basePrice: 8.5, phase: 0.0);
        PriceFixtures.WriteWaves(prices, "NOK", basePrice: 5.2, phase: 1.3);
        PriceFixtures.WriteWaves(prices, "QQQ", basePrice: 170.0, phase: 2.1);
        // Longer than one page of the price listing (5,000 days): the page must follow the listing's next links.
        PriceFixtures.WriteWaves(prices, "LONG", basePrice: 30.0, phase: 0.7, from: new DateOnly(1996, 1, 2));

        _factory = new MarketContextFactory(
            databasePath: Path.Combine(_root, "marketcontext.db"),
            pricesDirectory: prices,
            keysDirectory: Path.Combine(_root, "keys"),
            settings: new Dictionary<string, string?>
            {
                // The browser reaches the app as through a reverse proxy on the same host, which names each browser
                // context's own client address (ContextOptions): every limit per address is the shipped default
                // and applies to each viewer as to a person on their own connection.
                ["MarketContext:TrustedProxies"] = "127.0.0.1",
                // Embeds may be framed by pages served from localhost (any port), not by those from 127.0.0.1 on another port.
                ["MarketContext:Embed:FrameAncestors"] = "'self' http://localhost:*",
            });
        BaseAddress = new Uri(_factory.StartKestrel());
        await WaitUntilHealthyAsync(BaseAddress);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing process is not worth failing the run over.
        }
    }

    /// <summary>A new account with a unique name unless one is given; the password is long enough for the app's rule.</summary>
    public async Task<Account> CreateUserAsync(string role, string? name = null)
    {
        name ??= $"{role}-{Guid.NewGuid().ToString("N")[..8]}";
        var password = $"pw-{Guid.NewGuid():N}";
        var user = await Services.GetRequiredService<UserStore>().AddAsync(name, password, role);
        return new Account(user, password);
    }

    /// <summary>A client for the HTTP API as a script would use it: with the account's bearer token, or anonymous.</summary>
    public async Task<HttpClient> ApiClientAsync(Account? account = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (account is not null)
        {
            var token = await Services.GetRequiredService<UserStore>().CreateTokenAsync(account.User);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>
    /// A page in its own browser context (its own cookies and storage, like a second person) on the dashboard, live;
    /// signed in through the real sign-in form first when an account is given.
    /// </summary>
    /// <param name="trackSockets">Lets the test drop the page's live connection later: <see cref="DashboardPage.LoseConnectionAsync"/>.</param>
    public async Task<DashboardPage> OpenDashboardAsync(Account? signedInAs = null, bool trackSockets = false, int width = 1366, int height = 900, bool touch = false, string path = "/")
    {
        var dashboard = await NewDashboardPageAsync(width, height, touch);
        try
        {
            if (trackSockets)
            {
                await dashboard.TrackSocketsAsync();
            }
            if (signedInAs is null)
            {
                await dashboard.Page.GotoAsync(path);
            }
            else
            {
                await dashboard.SignInAsync(signedInAs.Name, signedInAs.Password);
                if (path != "/")
                {
                    await dashboard.Page.GotoAsync(path);
                }
            }
            await Assertions.Expect(dashboard.ConnectionStatus).ToHaveTextAsync("connected");
        }
        catch (PlaywrightException e)
        {
            var errors = string.Join(" | ", dashboard.Errors);
            await dashboard.DisposeAsync();
            throw new InvalidOperationException($"The dashboard did not go live. Page errors: {(errors.Length > 0 ? errors : "none")}", e);
        }
        return dashboard;
    }

    /// <summary>A blank page in a fresh browser context, before it has gone anywhere.</summary>
    public async Task<DashboardPage> NewDashboardPageAsync(int width = 1366, int height = 900, bool touch = false)
    {
        var options = ContextOptions();
        options.ViewportSize = new ViewportSize { Width = width, Height = height };
        options.AcceptDownloads = true;
        options.HasTouch = touch;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        return new DashboardPage(context, page);
    }

    /// <summary>
    /// A browser context's options: the app's address, a British locale, the run's time zone, and a client address
    /// of its own (in 198.18.0.0/15, set aside for network tests), told the app by the trusted proxy's <c>X-Forwarded-For</c>.
    /// </summary>
    public BrowserNewContextOptions ContextOptions()
    {
        var client = Interlocked.Increment(ref _clients);
        return new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "en-GB",
            TimezoneId = TimeZone,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-For"] = $"198.18.{client / 256 % 256}.{client % 256}" },
        };
    }

    private static async Task WaitUntilHealthyAsync(Uri baseAddress)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{baseAddress}healthz did not answer 200 within 30 s.");
            }
            await Task.Delay(100);
        }
    }
}

/// <summary>An account made for a test, with the password it signs in with.</summary>
public sealed record Account(User User, string Password)
{
    public string Name => User.Name;
}
