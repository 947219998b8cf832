using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>The server's row count of a large upload, pushed over SignalR to the uploader's watchers of its import id.</summary>
public sealed class ImportProgressTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private HttpClient _client = null!;
    private HubConnection _hub = null!;
    private string _baseUrl = "";

    public ImportProgressTests() => _factory = MarketContextFactory.In(_folder);

    public async Task InitializeAsync()
    {
        _baseUrl = _factory.StartKestrel();
        _client = _factory.Authorize(new HttpClient { BaseAddress = new Uri(_baseUrl) });
        _hub = await WatcherAsync(_factory.TokenFor("editor", "editor"), _received);
    }

    private async Task<HubConnection> WatcherAsync(string? token, Channel<JsonElement> received)
    {
        var hub = new HubConnectionBuilder().WithUrl(_baseUrl + "/hubs/imports", o => o.AccessTokenProvider = () => Task.FromResult(token)).Build();
        hub.On<JsonElement>("importProgress", p => received.Writer.TryWrite(p));
        await hub.StartAsync();
        return hub;
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _client.Dispose();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_watched_upload_reports_its_stored_rows_and_bytes_while_it_imports()
    {
        var importId = Guid.NewGuid().ToString();
        await _hub.InvokeAsync("Watch", importId);
        var csv = Encoding.UTF8.GetBytes(PriceFixtures.Yahoo(10, 0.0001, rows: 20_000, from: new DateOnly(1950, 1, 2)));
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent { { file, "file", "PROG.csv" } };
        // The file streams in within its form, whose length is what the server knows: progress is told in bytes of the form.
        var uploadBytes = form.Headers.ContentLength!.Value;
        Assert.True(uploadBytes > csv.Length);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/series/PROG/import") { Content = form };
        request.Headers.Add("X-Import-Id", importId);

        var report = await (await _client.SendAsync(request)).JsonAsync();
        var progress = await _received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(20_000, report.GetProperty("inserted").GetInt32());
        Assert.Equal(importId, progress.GetProperty("importId").GetString());
        Assert.InRange(progress.GetProperty("rows").GetInt32(), 1, 20_000);
        Assert.Equal(uploadBytes, progress.GetProperty("totalBytes").GetInt64());
        Assert.InRange(progress.GetProperty("bytes").GetInt64(), 1, uploadBytes);
    }

    [Fact]
    public async Task An_upload_nobody_watches_sends_nobody_anything()
    {
        var report = await (await _client.PostAsync("/api/series/QUIET/import", Api.Csv(PriceFixtures.Yahoo(10, 0.1, rows: 5000, from: new DateOnly(1960, 1, 4))))).JsonAsync();

        Assert.Equal(5000, report.GetProperty("inserted").GetInt32());
        await Task.Delay(300);
        Assert.False(_received.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Nobody_but_the_uploader_can_watch_an_import_even_knowing_its_id()
    {
        var importId = Guid.NewGuid().ToString();
        var strangers = Channel.CreateUnbounded<JsonElement>();
        await using var anonymous = await WatcherAsync(null, strangers);
        await using var otherEditor = await WatcherAsync(_factory.TokenFor("another-editor", "editor"), strangers);
        await anonymous.InvokeAsync("Watch", importId);
        await otherEditor.InvokeAsync("Watch", importId);
        await _hub.InvokeAsync("Watch", importId);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/series/SPY1/import") { Content = Api.Csv(PriceFixtures.Yahoo(10, 0.0001, rows: 20_000, from: new DateOnly(1950, 1, 2))) };
        request.Headers.Add("X-Import-Id", importId);

        await (await _client.SendAsync(request)).JsonAsync();
        var own = await _received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        await Task.Delay(300);

        Assert.Equal(importId, own.GetProperty("importId").GetString());
        Assert.False(strangers.Reader.TryRead(out _));
    }
}
