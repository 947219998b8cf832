using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.WebUtilities;

namespace MarketContext.Web.Features.Charts;

/// <summary>
/// The chart views open pages watch over the annotation hub. After a change, each watched view's marks are placed once
/// and pushed to that view's group, so a change costs one placement per view, not a request per viewer. A page that
/// is not sent its marks (its view watched on another instance, a push that failed) asks for them over HTTP.
/// </summary>
public sealed class ChartWatchers(IHubContext<AnnotationHub> hub, ChartDataLoader loader, ChartRenderCache renders,
    AnnotationOverlayCache overlays, AnnotationStore store, RenderSlots slots, ILogger<ChartWatchers> logger) : IAnnotationWatchers
{
    /// <summary>Longer than any query a page builds; a watch is one short string per connection.</summary>
    private const int MaxQueryLength = 2048;

    /// <summary>A view as a page asked for it, parsed once when it is watched.</summary>
    private sealed record Watched(string Query, ChartQuery Parsed, ChartRequest Request);

    private static readonly IReadOnlySet<string> Keys = KnownQueryKeys.Of(typeof(ChartQuery));

    private readonly ConcurrentDictionary<string, Watched> _viewOf = new(StringComparer.Ordinal);

    public async Task WatchAsync(string connectionId, string query)
    {
        var parsed = Parse(query);
        if (query.Length > MaxQueryLength || KnownQueryKeys.Unknown(parsed, Keys).Count > 0
            || QueryReader.Read<ChartQuery>(parsed) is not ({ } read, _) || read.ToRequest() is not { View: ChartView.Time } request)
        {
            throw new HubException("Not a chart view's query.");
        }
        if (_viewOf.TryGetValue(connectionId, out var before))
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, Group(before.Query));
        }
        _viewOf[connectionId] = new Watched(query, read, request with { Annotations = false });
        await hub.Groups.AddToGroupAsync(connectionId, Group(query));
    }

    public void Forget(string connectionId) => _viewOf.TryRemove(connectionId, out _);

    public async Task ChangedAsync(CancellationToken sendDeadline)
    {
        var views = _viewOf.Values.DistinctBy(v => v.Query, StringComparer.Ordinal).ToList();
        if (views.Count == 0)
        {
            return;
        }
        var seq = await store.LastSeqAsync();
        // Each view is placed once however many watch it; the views side by side, so the change waits for the slowest.
        await Task.WhenAll(views.Select(view => PushAsync(view, seq, sendDeadline)));
    }

    private async Task PushAsync(Watched view, long seq, CancellationToken sendDeadline)
    {
        try
        {
            var pictureKey = ChartEndpoints.ViewKey(view.Parsed, await loader.VersionAsync(view.Request, CancellationToken.None), pictureOnly: true);
            if (await ChartEndpoints.MarksAsync(pictureKey, view.Request.AnnotationsAsOf ?? seq, view.Request, loader, renders, overlays, store, slots) is { } marks)
            {
                await hub.Clients.Group(Group(view.Query)).SendAsync(IAnnotationClient.Marks, new WatchedMarks(view.Query, marks), sendDeadline);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The change itself is stored and announced: the pages ask for their marks when none arrive.
            logger.LogWarning(e, "Could not push the annotation marks of a watched chart view.");
        }
    }

    private static QueryCollection Parse(string query) => new(QueryHelpers.ParseQuery(query));

    private static string Group(string query) => "chart:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(query)))[..24];
}
