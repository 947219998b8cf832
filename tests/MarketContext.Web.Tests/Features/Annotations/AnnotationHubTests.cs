using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Web.Tests.Features.Annotations;

/// <summary>Live updates over a real Kestrel port, as a browser gets them.</summary>
public sealed class AnnotationHubTests : IAsyncLifetime
{
    // A bound on waiting for a message that should arrive at once, so a missing message fails instead of hanging.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly Channel<(string Name, JsonElement Payload)> _received = Channel.CreateUnbounded<(string, JsonElement)>();
    private HttpClient _client = null!;
    private HubConnection _hub = null!;

    public AnnotationHubTests()
    {
        _factory = MarketContextFactory.In(_folder);
        PriceFixtures.WriteStandardSeries(_factory.PricesDirectory);
    }

    public async Task InitializeAsync()
    {
        var baseUrl = _factory.StartKestrel();
        _client = _factory.Authorize(new HttpClient { BaseAddress = new Uri(baseUrl) });
        _hub = new HubConnectionBuilder().WithUrl(baseUrl + "/hubs/annotations").Build();
        foreach (var name in new[] { "annotationAdded", "annotationUpdated", "annotationDeleted" })
        {
            _hub.On<JsonElement>(name, payload => _received.Writer.TryWrite((name, payload)));
        }
        await _hub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _client.Dispose();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<(string Name, JsonElement Payload)> NextAsync() =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    [Fact]
    public async Task Client_connected_before_a_post_receives_annotation_added_with_its_id_and_seq()
    {
        Assert.Equal(HubConnectionState.Connected, _hub.State);

        var created = await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", symbol = "ERIC", text = "Live" })).JsonAsync(HttpStatusCode.Created);
        var (name, payload) = await NextAsync();

        Assert.Equal("annotationAdded", name);
        Assert.Equal(created.GetProperty("id").GetInt64(), payload.GetProperty("id").GetInt64());
        Assert.Equal(created.GetProperty("seq").GetInt64(), payload.GetProperty("seq").GetInt64());
        Assert.Equal("Live", payload.Str("text"));
        Assert.Equal("2020-03-23", payload.Str("date"));
        Assert.Equal("ERIC", payload.Str("symbol"));
    }

    [Fact]
    public async Task Update_and_delete_are_pushed_in_order_with_their_seqs()
    {
        var created = await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "Before" })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("annotationAdded", (await NextAsync()).Name);

        var updated = await (await _client.PutAsJsonAsync($"/api/annotations/{id}", new { date = "2020-03-24", text = "After" })).JsonAsync();
        var (updateName, updatePayload) = await NextAsync();
        Assert.Equal("annotationUpdated", updateName);
        Assert.Equal(id, updatePayload.GetProperty("id").GetInt64());
        Assert.Equal(updated.GetProperty("seq").GetInt64(), updatePayload.GetProperty("seq").GetInt64());
        Assert.Equal("After", updatePayload.Str("text"));
        Assert.Equal("2020-03-24", updatePayload.Str("date"));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/annotations/{id}")).StatusCode);
        var (deleteName, deletePayload) = await NextAsync();
        Assert.Equal("annotationDeleted", deleteName);
        Assert.Equal(["id", "seq"], deletePayload.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(id, deletePayload.GetProperty("id").GetInt64());
        Assert.Equal(updated.GetProperty("seq").GetInt64() + 1, deletePayload.GetProperty("seq").GetInt64());

        // What a client that missed these messages asks for gives the same seqs.
        var changes = (await _client.GetJsonAsync($"/api/annotations/changes?afterSeq={created.GetProperty("seq").GetInt64() - 1}")).EnumerateArray();
        Assert.Equal(
            [created.GetProperty("seq").GetInt64(), updatePayload.GetProperty("seq").GetInt64(), deletePayload.GetProperty("seq").GetInt64()],
            changes.Select(c => c.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task Refused_annotation_pushes_nothing()
    {
        await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "" })).ProblemAsync(HttpStatusCode.BadRequest);
        var created = await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "Valid" })).JsonAsync(HttpStatusCode.Created);

        var (name, payload) = await NextAsync();

        Assert.Equal("annotationAdded", name);
        Assert.Equal(created.GetProperty("id").GetInt64(), payload.GetProperty("id").GetInt64());
    }
}
