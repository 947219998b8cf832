using MarketContext.Web.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Annotations;

/// <summary>
/// What the server pushes to every viewer; each message carries the change's seq. The wire names are the
/// contract's camelCase ones: the JavaScript client matches names in any case, the .NET client only exactly.
/// </summary>
public interface IAnnotationClient
{
    const string Added = "annotationAdded";
    const string Updated = "annotationUpdated";
    const string Deleted = "annotationDeleted";
    const string Marks = "annotationMarks";

    [HubMethodName(Added)]
    Task AnnotationAdded(Annotation annotation);

    [HubMethodName(Updated)]
    Task AnnotationUpdated(Annotation annotation);

    [HubMethodName(Deleted)]
    Task AnnotationDeleted(AnnotationDeleted deleted);

    /// <summary>The marks of a watched view after a change, placed once for every viewer of that view.</summary>
    [HubMethodName(Marks)]
    Task AnnotationMarks(WatchedMarks marks);

    /// <summary>A stored event set reached a new version; a viewer of that set reads what changed from its changes feed.</summary>
    [HubMethodName("eventSetChanged")]
    Task EventSetChanged(EventSetChanged change);
}

/// <summary>The set (by slug) and the version a change made: the same for every viewer, so it is composed once.</summary>
public sealed record EventSetChanged(string Slug, long Version);

/// <summary>The marks of the view a page watches (its query, as it sent it), at a seq.</summary>
public sealed record WatchedMarks(string Query, object Marks);

/// <summary>
/// The views pages watch, and what they are sent after each stored change. Defined here, where changes are made, and
/// kept by the charts, which place the marks.
/// </summary>
public interface IAnnotationWatchers
{
    Task WatchAsync(string connectionId, string query);

    void Forget(string connectionId);

    /// <summary>
    /// After a change is stored, before it is broadcast: each watched view's marks to its viewers. Never throws; a viewer
    /// still taking a message when <paramref name="sendDeadline"/> passes is disconnected rather than waited for.
    /// </summary>
    Task ChangedAsync(CancellationToken sendDeadline);
}

/// <summary>
/// Viewers listen, and say which chart view they show so its marks can be pushed to them; writes arrive over HTTP,
/// where they are validated and stored before they are pushed.
/// </summary>
public sealed class AnnotationHub(IAnnotationWatchers watchers, MarketContextMetrics metrics, IOptions<MarketContextOptions> options, TimeProvider clock)
    : Hub<IAnnotationClient>
{
    public const string Path = "/hubs/annotations";

    /// <summary>
    /// A connection watches one view at a time (a new one replaces the last, and its group), and changes it at most
    /// <c>MarketContext:Live:MaxWatchesPerMinute</c> times a minute: each change costs the server a parse and a group.
    /// </summary>
    public Task WatchChart(string query)
    {
        var now = clock.GetUtcNow();
        var budget = Context.Items.TryGetValue(nameof(WatchBudget), out var kept) && kept is WatchBudget b && now - b.Since < TimeSpan.FromMinutes(1)
            ? b
            : new WatchBudget(now);
        if (budget.Used >= options.Value.Live.MaxWatchesPerMinute)
        {
            throw new HubException($"This connection changed its chart view {budget.Used} times within a minute, as often as it may; wait a little.");
        }
        budget.Used++;
        Context.Items[nameof(WatchBudget)] = budget;
        return watchers.WatchAsync(Context.ConnectionId, query);
    }

    private sealed class WatchBudget(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;

        public int Used { get; set; }
    }

    public override Task OnConnectedAsync()
    {
        metrics.ViewerJoined("annotations");
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.ViewerLeft("annotations");
        watchers.Forget(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
