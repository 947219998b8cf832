using Microsoft.Playwright;

namespace MarketContext.BrowserTests;

/// <summary>One viewer's dashboard: the page, its context, and the script errors it has thrown so far.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => _errors.Add(error);
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

    public IReadOnlyList<string> Errors => _errors;

    public ILocator Annotations => Page.Locator("[data-testid=annotation-list] [data-annotation-id]");

    public ILocator AnnotationWithText(string text) => Annotations.Filter(new() { HasText = text });

    public ILocator AnnotationWithId(string id) => Page.Locator($"[data-testid=annotation-list] [data-annotation-id=\"{id}\"]");

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

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
