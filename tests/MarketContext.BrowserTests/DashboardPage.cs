using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MarketContext.BrowserTests;

/// <summary>One viewer's dashboard: the page, its context, and the script errors it has thrown so far.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];
    private readonly List<string> _uncaught = [];

    public DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) =>
        {
            _errors.Add(error);
            _uncaught.Add(error);
        };
        page.Console += (_, message) =>
        {
            // A failed request is reported below with its address, which the console message lacks.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _errors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _errors.Add($"{response.Request.Method} {response.Url} answered {response.Status}");
            }
        };
        page.RequestFailed += (_, request) =>
        {
            // Chromium reports a superseded chart picture, and a 204 whose empty body nobody reads, as aborted: not faults.
            if (request.Failure != "net::ERR_ABORTED")
            {
                _errors.Add($"{request.Method} {request.Url} failed: {request.Failure}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Script errors, failed requests and 4xx/5xx answers so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    public ILocator ConnectionStatus => Page.GetByTestId("connection-status");

    public ILocator AnnotationForm => Page.Locator("#annotation-form");

    public ILocator SignedInAs => Page.GetByTestId("signed-in-as");

    public ILocator Annotations => Page.Locator("[data-testid=annotation-list] [data-annotation-id]");

    public ILocator AnnotationWithText(string text) => Annotations.Filter(new() { HasText = text });

    public ILocator AnnotationWithId(string id) => Page.Locator($"[data-testid=annotation-list] [data-annotation-id=\"{id}\"]");

    /// <summary>Opens the sign-in page and signs in through its form, as a person would; ends back on the dashboard.</summary>
    public async Task SignInAsync(string name, string password)
    {
        await Page.GotoAsync("/Login?ReturnUrl=%2F");
        await SubmitSignInFormAsync(name, password);
    }

    /// <summary>Fills the sign-in form the page shows and submits it; waits until the header names the user.</summary>
    public async Task SubmitSignInFormAsync(string name, string password)
    {
        await Page.GetByTestId("login-name").FillAsync(name);
        await Page.GetByTestId("login-password").FillAsync(password);
        await Page.GetByTestId("login-submit").ClickAsync();
        await Expect(SignedInAs).ToContainTextAsync(name);
    }

    /// <summary>The header's sign-out button; waits until the header offers to sign in again.</summary>
    public async Task SignOutAsync()
    {
        await Page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(SignedInAs).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Keeps a hand on every WebSocket the page opens, so that <see cref="LoseConnectionAsync"/> can drop it. A subclass
    /// that only remembers its instances: the page's scripts use it exactly as the browser's own. Call before the page
    /// first goes anywhere.
    /// </summary>
    public Task TrackSocketsAsync() => _context.AddInitScriptAsync("""
        (() => {
            const Native = window.WebSocket;
            const sockets = window.__sockets = [];
            window.WebSocket = class extends Native {
                constructor(...args) {
                    super(...args);
                    sockets.push(this);
                }
            };
        })();
        """);

    /// <summary>
    /// The page loses its live connection: the hub refuses new connections (its negotiate requests fail as with no
    /// network) and the open socket goes down now. Playwright's offline mode does not do this in Chromium: an open
    /// WebSocket survives it, merely starved, until the client's 30 s server timeout. Playwright .NET's own
    /// WebSocket routing cannot be used either: it crashes its connection when the page closes a routed socket
    /// without a close code, which SignalR does.
    /// </summary>
    public async Task LoseConnectionAsync()
    {
        await _context.RouteAsync(HubRequests, route => route.AbortAsync("internetdisconnected"));
        var dropped = await Page.EvaluateAsync<int>("""
            () => {
                if (!window.__sockets) throw new Error('TrackSocketsAsync was not called before the page opened.');
                const open = window.__sockets.filter((s) => s.readyState === WebSocket.CONNECTING || s.readyState === WebSocket.OPEN);
                for (const socket of open) socket.close(4000, 'Network lost (test)');
                return open.length;
            }
            """);
        Assert.True(dropped > 0, "The page had no open WebSocket to lose.");
    }

    /// <summary>The hub answers again; the page has to reconnect by itself.</summary>
    public Task RegainConnectionAsync() => _context.UnrouteAsync(HubRequests);

    private const string HubRequests = "**/hubs/annotations**";

    /// <summary>Fills the annotation form and submits it, as a person would.</summary>
    public async Task SubmitAnnotationAsync(string date, string text, string? symbol = null)
    {
        await Page.GetByTestId("annotation-date").FillAsync(date);
        if (symbol is not null)
        {
            await Page.GetByTestId("annotation-symbol").SelectOptionAsync(symbol);
        }
        await Page.GetByTestId("annotation-text").FillAsync(text);
        await Page.GetByTestId("annotation-submit").ClickAsync();
    }

    /// <summary>Leaves a mark in the page's JavaScript world; a reload or navigation would wipe it.</summary>
    public Task MarkAsync() => Page.EvaluateAsync("() => { window.__marker = 1; }");

    public async Task AssertNotReloadedAsync()
    {
        Assert.Equal(1, await Page.EvaluateAsync<int?>("() => window.__marker ?? null"));
        Assert.Equal(1, await Page.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length"));
    }

    public void AssertNoScriptErrors() => Assert.True(_errors.Count == 0, "Script errors: " + string.Join(" | ", _errors));

    /// <summary>No exception escaped the page's scripts, where failed requests are expected (a page that lost its connection).</summary>
    public void AssertNoUncaughtErrors() => Assert.True(_uncaught.Count == 0, "Uncaught script errors: " + string.Join(" | ", _uncaught));

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
