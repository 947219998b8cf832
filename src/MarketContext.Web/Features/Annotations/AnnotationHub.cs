using MarketContext.Web.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace MarketContext.Web.Features.Annotations;

/// <summary>
/// What the server pushes to every viewer; each message carries the change's seq. The wire names are the
/// contract's camelCase ones: the JavaScript client matches names in any case, the .NET client only exactly.
/// </summary>
public interface IAnnotationClient
{
    [HubMethodName("annotationAdded")]
    Task AnnotationAdded(Annotation annotation);

    [HubMethodName("annotationUpdated")]
    Task AnnotationUpdated(Annotation annotation);

    [HubMethodName("annotationDeleted")]
    Task AnnotationDeleted(AnnotationDeleted deleted);

    /// <summary>The marks of a watched view after a change, placed once for every viewer of that view.</summary>
    [HubMethodName("annotationMarks")]
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

    /// <summary>After a change is stored and broadcast: each watched view's marks to its viewers. Never throws.</summary>
    Task ChangedAsync();
}

/// <summary>
/// Viewers listen, and say which chart view they show so its marks can be pushed to them; writes arrive over HTTP,
/// where they are validated and stored before they are pushed.
/// </summary>
public sealed class AnnotationHub(IAnnotationWatchers watchers, MarketContextMetrics metrics) : Hub<IAnnotationClient>
{
    public const string Path = "/hubs/annotations";

    public Task WatchChart(string query) => watchers.WatchAsync(Context.ConnectionId, query);

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
