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
public sealed class ChartWatchers(IHubContext<AnnotationHub, IAnnotationClient> hub, ChartDataLoader loader, ChartRenderCache renders,
    AnnotationOverlayCache overlays, AnnotationStore store, RenderSlots slots, ILogger<ChartWatchers> logger) : IAnnotationWatchers
{
    /// <summary>Longer than any query a page builds; a watch is one short string per connection.</summary>
    private const int MaxQueryLength = 2048;

    private readonly ConcurrentDictionary<string, string> _queryOf = new(StringComparer.Ordinal);

    public async Task WatchAsync(string connectionId, string query)
    {
        if (query.Length > MaxQueryLength || QueryReader.Read<ChartQuery>(Parse(query)) is not ({ } read, _) || read.ToRequest().View != ChartView.Time)
        {
            throw new HubException("Not a chart view's query.");
        }
        if (_queryOf.TryGetValue(connectionId, out var before))
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, Group(before));
        }
        _queryOf[connectionId] = query;
        await hub.Groups.AddToGroupAsync(connectionId, Group(query));
    }

    public void Forget(string connectionId) => _queryOf.TryRemove(connectionId, out _);

    public async Task ChangedAsync()
    {
        foreach (var query in _queryOf.Values.Distinct(StringComparer.Ordinal).ToList())
        {
            try
            {
                var parsed = Parse(query);
                var request = QueryReader.Read<ChartQuery>(parsed).Query!.ToRequest() with { Annotations = false };
                var pictureKey = ChartEndpoints.ViewKey(parsed, await loader.VersionAsync(request, CancellationToken.None), pictureOnly: true);
                var marks = await ChartEndpoints.MarksAsync(pictureKey, await store.LastSeqAsync(), request, loader, renders, overlays, store, slots);
                if (marks is not null)
                {
                    await hub.Clients.Group(Group(query)).AnnotationMarks(new WatchedMarks(query, marks));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The change itself is stored and announced: the pages ask for their marks when none arrive.
                logger.LogWarning(e, "Could not push the annotation marks of a watched chart view.");
            }
        }
    }

    private static QueryCollection Parse(string query) => new(QueryHelpers.ParseQuery(query));

    private static string Group(string query) => "chart:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(query)))[..24];
}
