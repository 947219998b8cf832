using System.Collections.Concurrent;
using System.Net;
using MarketContext.Web.Features.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketContext.Web.Tests.Features.Auth;

/// <summary>A new installation: reaching the sign-in page first is not enough to become its administrator.</summary>
public sealed class FirstStartTests
{
    private static FormUrlEncodedContent SetupForm(string token, string? code) => BrowserSession.Form(token,
        [("Name", "root"), ("Password", "first-admin-password"), ("Confirm", "first-admin-password"), .. code is null ? [] : new[] { ("SetupCode", code) }]);

    [Fact]
    public async Task The_first_administrator_needs_the_setup_code_and_the_audit_log_keeps_the_creators_address()
    {
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder);
        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(factory.StartKestrel()) };
        var code = factory.Services.GetRequiredService<FirstAdminSetup>().Code;
        var page = await visitor.GetStringAsync("/Login");
        var token = BrowserSession.FormToken(page);

        var withoutCode = await visitor.PostAsync("/Login?handler=Setup", SetupForm(token, null));
        var wrongCode = await visitor.PostAsync("/Login?handler=Setup", SetupForm(token, "AAAA-BBBB-CCCC-DDDD"));
        var usersAfterRefusals = await factory.Services.GetRequiredService<UserStore>().CountAsync();
        // Typed by hand: lower case, without the dashes.
        var withCode = await visitor.PostAsync("/Login?handler=Setup", SetupForm(token, code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()));
        var audit = await factory.Services.GetRequiredService<AuditLog>().LatestAsync();

        Assert.Contains("data-testid=\"login-setup-code\"", page, StringComparison.Ordinal);
        Assert.Contains("users add NAME --role admin", page, StringComparison.Ordinal);
        Assert.Contains("not the setup code", await withoutCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("not the setup code", await wrongCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, usersAfterRefusals);
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        var created = Assert.Single(audit, e => e.Action == "first administrator created");
        Assert.Equal("root", created.Target);
        Assert.Contains("from 127.0.0.1", created.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_setup_code_is_written_to_the_log_at_start_while_no_account_exists_and_not_after()
    {
        using var folder = new TempFolder();
        var firstLog = new Collector();
        string code;
        await using (var factory = MarketContextFactory.In(folder))
        await using (var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(firstLog))))
        {
            using var client = app.CreateClient();
            code = app.Services.GetRequiredService<FirstAdminSetup>().Code;
            await app.Services.GetRequiredService<UserStore>().AddAsync("later-admin", "a long password", Roles.Admin);
        }
        var secondLog = new Collector();
        await using (var factory = MarketContextFactory.In(folder))
        await using (var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(secondLog))))
        {
            using var client = app.CreateClient();
        }

        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        Assert.Contains(firstLog.Messages, m => m.Contains(code, StringComparison.Ordinal) && m.Contains("setup code", StringComparison.Ordinal));
        Assert.DoesNotContain(secondLog.Messages, m => m.Contains("setup code", StringComparison.Ordinal));
    }

    private sealed class Collector : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyList<string> Messages => [.. _messages];

        public ILogger CreateLogger(string categoryName) => new Logger(_messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
