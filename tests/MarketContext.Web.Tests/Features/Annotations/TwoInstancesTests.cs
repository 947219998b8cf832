using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Web.Tests.Features.Annotations;

/// <summary>
/// Two app instances on real Kestrel ports share one PostgreSQL database (several instances are a PostgreSQL
/// deployment, so this class runs on PostgreSQL in both runs) and one real Redis (scripts/start-services.sh): what is posted to A reaches B's live viewers, both serve the same data,
/// a client that switches instance catches up from the shared change log, and a browser signed in on A writes
/// through B.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly TempFolder _folder = new();
    private readonly Channel<(string Name, JsonElement Payload)> _receivedByB = Channel.CreateUnbounded<(string, JsonElement)>();
    private MarketContextFactory _a = null!;
    private MarketContextFactory _b = null!;
    private HttpClient _clientA = null!;
    private HttpClient _clientB = null!;
    private HubConnection _hubB = null!;

    private static string Redis =>
        (Environment.GetEnvironmentVariable("MarketContext__Redis") is { Length: > 0 } redis ? redis : "127.0.0.1:6379")
        // Its own channels, so other tests' instances on the same Redis are not heard.
        + ",channelPrefix=mc-test-" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        var redis = Redis;
        var database = _folder.Combine("db", "shared.db");
        var settings = new Dictionary<string, string?>
        {
            ["MarketContext:Redis"] = redis,
            ["MarketContext:Provider"] = "postgres",
            ["MarketContext:ConnectionString"] = TestDatabase.ConnectionStringFor(database),
        };
        var prices = _folder.CreateFolder("prices");
        PriceFixtures.WriteStandardSeries(prices);
        // No key folder: the instances find the data-protection keys where they find everything else, in the database.
        _a = new MarketContextFactory(database, prices, keysDirectory: null, settings);
        var urlA = _a.StartKestrel();
        _b = new MarketContextFactory(database, prices, keysDirectory: null, settings);
        var urlB = _b.StartKestrel();
        _clientA = _a.Authorize(new HttpClient { BaseAddress = new Uri(urlA) });
        _clientB = new HttpClient { BaseAddress = new Uri(urlB) };
        _hubB = new HubConnectionBuilder().WithUrl(urlB + "/hubs/annotations").Build();
        foreach (var name in new[] { "annotationAdded", "annotationUpdated", "annotationDeleted" })
        {
            _hubB.On<JsonElement>(name, payload => _receivedByB.Writer.TryWrite((name, payload)));
        }
        await _hubB.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hubB.DisposeAsync();
        _clientA.Dispose();
        _clientB.Dispose();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task An_annotation_posted_to_A_reaches_a_viewer_of_B()
    {
        var created = await (await _clientA.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", symbol = "ERIC", text = "From A" })).JsonAsync(HttpStatusCode.Created);

        var (name, payload) = await _receivedByB.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        Assert.Equal("annotationAdded", name);
        Assert.Equal(created.GetProperty("id").GetInt64(), payload.GetProperty("id").GetInt64());
        Assert.Equal(created.GetProperty("seq").GetInt64(), payload.GetProperty("seq").GetInt64());
        Assert.Equal("From A", payload.Str("text"));
    }

    [Fact]
    public async Task A_browser_signed_in_on_A_writes_through_B()
    {
        _a.TokenFor("browser-editor", "editor");
        var cookies = new CookieContainer();
        using var browserA = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _clientA.BaseAddress };
        var loginPage = await browserA.GetStringAsync("/Login");
        var signedIn = await browserA.PostAsync("/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "browser-editor",
            ["Password"] = "password-of-browser-editor",
            ["__RequestVerificationToken"] = BrowserSession.FormToken(loginPage),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        // The dashboard served by A carries the antiforgery token that the page's scripts send with each write.
        var dashboard = await browserA.GetStringAsync("/");
        var csrf = BrowserSession.PageToken(dashboard);
        Assert.NotEqual("", csrf);

        // Same cookies, same token, the other instance: B must read what A's keys protected.
        using var write = new HttpRequestMessage(HttpMethod.Post, new Uri(_clientB.BaseAddress!, "/api/annotations"))
        {
            Content = JsonContent.Create(new { date = "2020-03-23", text = "Signed in on A, written through B" }),
        };
        write.Headers.Add("Cookie", cookies.GetCookieHeader(_clientA.BaseAddress!));
        write.Headers.Add("X-CSRF-TOKEN", csrf);
        var created = await (await _clientB.SendAsync(write)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("browser-editor", created.Str("author"));
    }

    [Fact]
    public async Task Both_instances_serve_the_same_series()
    {
        var fromA = await (await _clientA.GetAsync("/api/series")).Content.ReadAsStringAsync();
        var fromB = await (await _clientB.GetAsync("/api/series")).Content.ReadAsStringAsync();

        Assert.Contains("\"ERIC\"", fromA, StringComparison.Ordinal);
        Assert.Equal(fromA, fromB);
    }

    [Fact]
    public async Task A_client_that_switches_instance_catches_up_from_the_changes_feed()
    {
        var first = await (await _clientA.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "Seen on A" })).JsonAsync(HttpStatusCode.Created);
        var lastSeen = first.GetProperty("seq").GetInt64();
        // The client is away; meanwhile A takes two more changes.
        var second = await (await _clientA.PostAsJsonAsync("/api/annotations", new { date = "2020-03-24", text = "Missed" })).JsonAsync(HttpStatusCode.Created);
        var deleted = await _clientA.DeleteAsync($"/api/annotations/{first.GetProperty("id").GetInt64()}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var changes = (await _clientB.GetJsonAsync($"/api/annotations/changes?afterSeq={lastSeen}")).EnumerateArray().ToList();

        Assert.Equal(["added", "deleted"], changes.Select(c => c.Str("kind")));
        Assert.Equal(second.GetProperty("id").GetInt64(), changes[0].GetProperty("annotation").GetProperty("id").GetInt64());
        Assert.Equal([lastSeen + 1, lastSeen + 2], changes.Select(c => c.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task Prices_imported_through_A_are_drawn_by_B_although_B_had_the_old_series_in_memory()
    {
        const string Layout = "/api/chart/layout?symbols=ERIC&mode=price&from=2020-03-01&to=2020-04-30&events=none&annotations=false";
        var before = (await _clientB.GetJsonAsync(Layout)).GetProperty("yMax").GetDouble();
        Assert.True(before < 20, $"yMax {before}");

        await (await _clientA.PostAsync("/api/series/ERIC/import", Api.Csv(PriceFixtures.Yahoo(80, 0.5)))).JsonAsync();

        // A's own picture changes at once, and B's too: the shared prices version tells B that its series in
        // memory are old.
        Assert.True((await _clientA.GetJsonAsync(Layout)).GetProperty("yMax").GetDouble() > 80);
        var after = (await _clientB.GetJsonAsync(Layout)).GetProperty("yMax").GetDouble();
        Assert.True(after > 80, $"yMax {after}");
    }
}
