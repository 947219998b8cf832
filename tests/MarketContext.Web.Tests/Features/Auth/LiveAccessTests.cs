using System.Net.Http.Json;
using MarketContext.Web.Cli;
using MarketContext.Web.Features.Auth;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Auth;

/// <summary>Open live connections, over a real Kestrel port, end when the access they were opened with ends.</summary>
public sealed class LiveAccessTests : IAsyncLifetime
{
    // The promise: closed within 10 s of the change, whoever made it.
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly MarketContextFactory _factory;
    private readonly List<HubConnection> _connections = [];
    private string _baseUrl = "";

    public LiveAccessTests()
    {
        _factory = MarketContextFactory.In(_folder, new Dictionary<string, string?> { ["MarketContext:RequireSignInToRead"] = "true" }, _clock);
        PriceFixtures.WriteStandardSeries(_factory.PricesDirectory);
    }

    public Task InitializeAsync()
    {
        _baseUrl = _factory.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    private UserStore Users => _factory.Services.GetRequiredService<UserStore>();

    private sealed record Live(HubConnection Connection, Task Closed, List<string> Received);

    private async Task<Live> ConnectAsync(string hub, Action<HttpConnectionOptions> access)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connection = new HubConnectionBuilder().WithUrl(_baseUrl + hub, access).Build();
        var received = new List<string>();
        connection.On<System.Text.Json.JsonElement>("annotationAdded", a => received.Add(a.Str("text")!));
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        _connections.Add(connection);
        await connection.StartAsync();
        return new Live(connection, closed.Task, received);
    }

    private Task<Live> WithCookieAsync(BrowserSession browser, string hub = "/hubs/annotations") =>
        ConnectAsync(hub, o => o.Headers["Cookie"] = browser.Cookie);

    private Task<Live> WithTokenAsync(string token, string hub = "/hubs/annotations") =>
        ConnectAsync(hub, o => o.Headers["Authorization"] = $"Bearer {token}");

    private async Task<BrowserSession> SignedInAsync(string name, string role = "editor")
    {
        _factory.TokenFor(name, role);
        // Over the same real port as the connections.
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_baseUrl) };
        var response = await client.PostAsync("/Login", BrowserSession.Form(await BrowserSession.FormTokenAsync(client, "/Login"), ("Name", name), ("Password", $"password-of-{name}")));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("marketcontext=", StringComparison.Ordinal));
        return new BrowserSession(client, cookie);
    }

    [Fact]
    public async Task Sign_out_a_demotion_by_the_command_line_a_removal_and_the_end_of_the_session_close_cookie_connections_of_both_hubs()
    {
        using var leaving = await SignedInAsync("live-lea");
        using var demoted = await SignedInAsync("live-dan");
        using var removed = await SignedInAsync("live-rob");
        using var bystander = await SignedInAsync("live-bea");
        var leavingLive = await WithCookieAsync(leaving);
        var demotedLive = await WithCookieAsync(demoted, "/hubs/imports");
        var removedLive = await WithCookieAsync(removed);
        var bystanderLive = await WithCookieAsync(bystander);
        var bystanderImports = await WithCookieAsync(bystander, "/hubs/imports");

        await leaving.SignOutAsync();
        Assert.Equal(0, await CommandLine.RunAsync(["users", "set-role", "live-dan", "--role", "viewer"], _factory.Services, TextReader.Null, TextWriter.Null, TextWriter.Null));
        await Users.RemoveAsync("live-rob", "test");

        await Task.WhenAll(leavingLive.Closed, demotedLive.Closed, removedLive.Closed).WaitAsync(Promise);
        await Task.Delay(LiveAccess.CheckInterval * 2);
        Assert.Equal(HubConnectionState.Connected, bystanderLive.Connection.State);
        Assert.Equal(HubConnectionState.Connected, bystanderImports.Connection.State);

        // Twelve hours after signing in, however busy, the session is over: so are its connections.
        _clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        await Task.WhenAll(bystanderLive.Closed, bystanderImports.Closed).WaitAsync(Promise);
    }

    [Fact]
    public async Task A_revoked_token_a_removed_users_token_and_an_expired_token_stop_receiving_and_cannot_connect_again()
    {
        var revokedToken = _factory.TokenFor("live-rita", "editor");
        var removedToken = _factory.TokenFor("live-remo", "viewer");
        var shortUser = await Users.FindAsync("live-rita");
        var shortToken = await Users.CreateTokenAsync(shortUser!, expiresInDays: 1);
        var writer = _factory.Authorize(_factory.CreateClient(), "live-wendy", "editor");
        var revoked = await WithTokenAsync(revokedToken);
        var revokedImports = await WithTokenAsync(revokedToken, "/hubs/imports");
        var removed = await WithTokenAsync(removedToken);
        var expiring = await WithTokenAsync(shortToken);

        var revokedId = (await Users.ListTokensAsync("live-rita")).First().Id;
        await Users.RevokeTokenAsync(revokedId, "test");
        await Users.RemoveAsync("live-remo", "test");
        await Task.WhenAll(revoked.Closed, revokedImports.Closed, removed.Closed).WaitAsync(Promise);
        await (await writer.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "after the revocation" })).JsonAsync(System.Net.HttpStatusCode.Created);
        await Task.Delay(LiveAccess.CheckInterval);
        Assert.Equal(HubConnectionState.Connected, expiring.Connection.State);
        Assert.Contains("after the revocation", expiring.Received);

        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await expiring.Closed.WaitAsync(Promise);

        Assert.DoesNotContain("after the revocation", revoked.Received);
        Assert.DoesNotContain("after the revocation", removed.Received);
        await Assert.ThrowsAnyAsync<Exception>(() => WithTokenAsync(revokedToken));
        await Assert.ThrowsAnyAsync<Exception>(() => WithTokenAsync(removedToken));
    }

    [Fact]
    public async Task A_browser_connection_from_another_site_is_refused_and_one_from_this_site_accepted()
    {
        var token = _factory.TokenFor("live-otto", "viewer");

        var sameSite = await ConnectAsync("/hubs/annotations", o =>
        {
            o.Headers["Authorization"] = $"Bearer {token}";
            o.Headers["Origin"] = _baseUrl;
        });
        var crossSite = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync("/hubs/annotations", o =>
        {
            o.Headers["Authorization"] = $"Bearer {token}";
            o.Headers["Origin"] = "https://attacker.example";
        }));

        Assert.Equal(HubConnectionState.Connected, sameSite.Connection.State);
        Assert.Contains("403", crossSite.Message, StringComparison.Ordinal);
    }
}
