using System.Net;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Web.Tests.Features.Annotations;

/// <summary>
/// What live connections may take, on a real Kestrel port with small limits: connections per address (anonymous) and
/// per account (signed in), on both hubs, and how often a connection may change the view it watches.
/// </summary>
public sealed class LiveLimitsTests : IAsyncLifetime
{
    private const string View = "from=2020-01-02&to=2020-06-30&width=800&height=400&annotations=false";

    private readonly TempFolder _folder = new();
    private readonly List<HubConnection> _connections = [];
    private MarketContextFactory _factory = null!;
    private string _url = null!;

    public Task InitializeAsync()
    {
        _factory = MarketContextFactory.In(_folder, new Dictionary<string, string?>
        {
            ["MarketContext:Live:MaxConnectionsPerAddress"] = "3",
            ["MarketContext:Live:MaxConnectionsPerUser"] = "2",
            ["MarketContext:Live:MaxWatchesPerMinute"] = "3",
        });
        PriceFixtures.WriteStandardSeries(_factory.PricesDirectory);
        _url = _factory.StartKestrel();
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

    private async Task<HubConnection> ConnectAsync(string hub = "/hubs/annotations", string? token = null)
    {
        var connection = new HubConnectionBuilder().WithUrl(_url + hub, o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            if (token is not null)
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            }
        }).Build();
        _connections.Add(connection);
        await connection.StartAsync();
        return connection;
    }

    private async Task<HttpStatusCode?> RefusedAsync(string hub = "/hubs/annotations", string? token = null)
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(hub, token));
        return refused.StatusCode;
    }

    [Fact]
    public async Task An_address_opens_as_many_live_connections_as_it_may_and_one_more_after_one_closes()
    {
        var first = await ConnectAsync();
        await ConnectAsync();
        await ConnectAsync("/hubs/imports");

        Assert.Equal(HttpStatusCode.TooManyRequests, await RefusedAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, await RefusedAsync("/hubs/imports"));

        await first.StopAsync();
        // The server lets go of the connection's request a moment after the client closed it.
        HubConnection? again = null;
        for (var tries = 0; again is null && tries < 50; tries++)
        {
            try
            {
                again = await ConnectAsync();
            }
            catch (HttpRequestException refused) when (refused.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(100);
            }
        }
        Assert.Equal(HubConnectionState.Connected, again?.State);
    }

    [Fact]
    public async Task A_refusal_is_a_problem_saying_to_close_a_tab_and_when_to_come_back()
    {
        for (var i = 0; i < 3; i++)
        {
            await ConnectAsync();
        }
        using var http = new HttpClient { BaseAddress = new Uri(_url) };

        var refused = await http.PostAsync("/hubs/annotations/negotiate?negotiateVersion=1", null);
        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);

        Assert.Equal("30", refused.Headers.RetryAfter?.ToString());
        Assert.Equal("Too many live connections", problem.Str("title"));
        Assert.Contains("This address", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_account_is_counted_by_itself_not_by_its_address()
    {
        var token = _factory.TokenFor("viewer-with-tabs", "viewer");
        await ConnectAsync(token: token);
        await ConnectAsync(token: token);

        Assert.Equal(HttpStatusCode.TooManyRequests, await RefusedAsync(token: token));
        // Another account, and anonymous viewers, from the same address still connect.
        await ConnectAsync(token: _factory.TokenFor("colleague", "viewer"));
        var anonymous = await ConnectAsync();
        Assert.Equal(HubConnectionState.Connected, anonymous.State);
    }

    [Fact]
    public async Task A_connection_changes_its_watched_view_only_so_often_a_minute()
    {
        var viewer = await ConnectAsync();
        for (var i = 0; i < 3; i++)
        {
            await viewer.InvokeAsync("WatchChart", View + $"&symbols=ERIC");
        }

        var refused = await Assert.ThrowsAsync<HubException>(() => viewer.InvokeAsync("WatchChart", View + "&symbols=NOK"));

        Assert.Contains("3 times within a minute", refused.Message, StringComparison.Ordinal);
        // The budget is the connection's: another viewer watches at once.
        var other = await ConnectAsync();
        await other.InvokeAsync("WatchChart", View + "&symbols=NOK");
    }
}
