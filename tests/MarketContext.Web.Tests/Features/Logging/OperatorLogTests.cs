using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketContext.Web.Tests.Features.Logging;

/// <summary>The app's log as an operator reads it, with the shipped appsettings.json levels.</summary>
public sealed class OperatorLogTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Collector _log = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;

    public OperatorLogTests()
    {
        var factory = MarketContextFactory.In(_folder);
        PriceFixtures.WriteStandardSeries(factory.PricesDirectory);
        _app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(_log)));
    }

    public void Dispose()
    {
        _app.Dispose();
        _folder.Dispose();
    }

    private HttpClient Editor()
    {
        var users = _app.Services.GetRequiredService<MarketContext.Web.Features.Auth.UserStore>();
        var user = users.AddAsync("log-editor", "password-of-log-editor", "editor").GetAwaiter().GetResult();
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", users.CreateTokenAsync(user).GetAwaiter().GetResult());
        return client;
    }

    [Fact]
    public async Task Imports_refusals_and_annotation_writes_are_logged_with_their_fields()
    {
        using var client = Editor();

        await (await client.PostAsync("/api/series/LOGA/import", Api.Csv(PriceFixtures.Yahoo(80, 0.5)))).JsonAsync();
        await (await client.PostAsync("/api/series/LOGB/import", Api.Csv("Date,Close\n2020-01-02,abc\n"))).ProblemAsync(HttpStatusCode.BadRequest);
        var created = await (await client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "logged" })).JsonAsync(HttpStatusCode.Created);

        var imported = Assert.Single(_log.Entries, e => e.EventId == 1001 && Equals(e.Fields["Symbol"], "LOGA"));
        Assert.Equal(LogLevel.Information, imported.Level);
        Assert.Equal(PriceFixtures.Rows, imported.Fields["Inserted"]);
        Assert.True(imported.Fields.ContainsKey("ElapsedMs"));
        var refused = Assert.Single(_log.Entries, e => e.EventId == 1002 && Equals(e.Fields["Symbol"], "LOGB"));
        Assert.Equal(2, refused.Fields["Line"]);
        var written = Assert.Single(_log.Entries, e => e.EventId == 1201);
        Assert.Equal(created.GetProperty("id").GetInt64(), written.Fields["Id"]);
        Assert.Equal("log-editor", written.Fields["Author"]);
    }

    [Fact]
    public async Task A_failed_sign_in_is_logged_and_requests_are_not()
    {
        using var client = _app.CreateClient();
        var page = await client.GetStringAsync("/Login");
        var token = BrowserSession.FormToken(page);

        await client.PostAsync("/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "mallory",
            ["Password"] = "not-the-password",
            ["__RequestVerificationToken"] = token,
        }));

        var failed = Assert.Single(_log.Entries, e => e.EventId == 1301);
        Assert.Equal("mallory", failed.Fields["Name"]);
        Assert.DoesNotContain(_log.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal) && e.Level <= LogLevel.Information);
    }

    [Fact]
    public async Task Control_characters_from_a_sign_in_name_and_a_price_file_reach_the_log_escaped()
    {
        using var editor = Editor();
        using var client = _app.CreateClient();
        var token = BrowserSession.FormToken(await client.GetStringAsync("/Login"));

        await client.PostAsync("/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "eve\u001b[2J\r\nSign-in succeeded for admin\u202e",
            ["Password"] = "not-the-password",
            ["__RequestVerificationToken"] = token,
        }));
        await (await editor.PostAsync("/api/series/LOGC/import", Api.Csv("Date,Close\n2020-01-02,\u001b]0;owned\u0007\n"))).ProblemAsync(HttpStatusCode.BadRequest);

        var name = (string?)Assert.Single(_log.Entries, e => e.EventId == 1301).Fields["Name"];
        Assert.Equal("eve\\u001B[2J\\u000D\\u000ASign-in succeeded for admin\\u202E", name);
        var firstError = (string?)Assert.Single(_log.Entries, e => e.EventId == 1002).Fields["FirstError"];
        Assert.Contains("\\u001B]0;owned\\u0007", firstError, StringComparison.Ordinal);
        Assert.DoesNotContain(_log.Entries.Where(e => e.EventId is 1002 or 1301).SelectMany(e => e.Fields.Values).OfType<string>(), text => text.Any(char.IsControl));
    }

    private sealed record Entry(string Category, LogLevel Level, int EventId, IReadOnlyDictionary<string, object?> Fields);

    private sealed class Collector : ILoggerProvider
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyList<Entry> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var fields = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
                entries.Enqueue(new Entry(category, logLevel, eventId.Id, fields.ToDictionary(f => f.Key, f => f.Value)));
            }
        }
    }
}
