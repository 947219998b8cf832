using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Web.Tests.Features.Charts;

/// <summary>A page that watches its chart view is pushed the view's marks after each change, as the route answers them.</summary>
public sealed class WatchedMarksTests : IAsyncLifetime
{
    private const string View = "from=2020-01-02&to=2020-06-30&width=800&height=400&annotations=false";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly TempFolder _folder = new();
    private readonly MarketContextFactory _factory;
    private readonly Channel<JsonElement> _marks = Channel.CreateUnbounded<JsonElement>();
    private HttpClient _client = null!;
    private HubConnection _hub = null!;

    public WatchedMarksTests()
    {
        _factory = MarketContextFactory.In(_folder);
        PriceFixtures.WriteStandardSeries(_factory.PricesDirectory);
    }

    public async Task InitializeAsync()
    {
        var baseUrl = _factory.StartKestrel();
        _client = _factory.Authorize(new HttpClient { BaseAddress = new Uri(baseUrl) });
        _hub = new HubConnectionBuilder().WithUrl(baseUrl + "/hubs/annotations").Build();
        _hub.On<JsonElement>("annotationMarks", payload => _marks.Writer.TryWrite(payload));
        await _hub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _client.Dispose();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task After_a_change_the_watched_view_is_sent_the_marks_the_route_answers_for_that_seq()
    {
        await _hub.InvokeAsync("WatchChart", View);

        await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = "Pushed" })).JsonAsync(HttpStatusCode.Created);
        var pushed = await _marks.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        var asked = await _client.GetStringAsync("/api/chart/annotations?" + View);

        Assert.Equal(View, pushed.GetProperty("query").GetString());
        var marks = pushed.GetProperty("marks");
        Assert.Equal("Pushed", marks.GetProperty("marks")[0].GetProperty("label").GetProperty("text").GetString());
        Assert.Equal(JsonDocument.Parse(asked).RootElement.GetRawText(), marks.GetRawText());
    }

    [Fact]
    public async Task A_page_that_watches_another_view_is_sent_that_view_only_and_a_bad_query_is_refused()
    {
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => _hub.InvokeAsync("WatchChart", "mode=7"));
        await _hub.InvokeAsync("WatchChart", View);
        await _hub.InvokeAsync("WatchChart", View + "&mode=price");

        await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-04-09", text = "Once" })).JsonAsync(HttpStatusCode.Created);
        var pushed = await _marks.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        Assert.Equal(View + "&mode=price", pushed.GetProperty("query").GetString());
        Assert.False(_marks.Reader.TryRead(out _));
    }
}
