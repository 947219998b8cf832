using System.Diagnostics;
using MarketContext.Web.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace MarketContext.Web.Features.Prices;

/// <summary>How far the server has got with one upload: rows stored and bytes read of the file.</summary>
public sealed record ImportProgressMessage(string ImportId, int Rows, long Bytes, long? TotalBytes);

public interface IImportClient
{
    [HubMethodName("importProgress")]
    Task ImportProgress(ImportProgressMessage progress);
}

/// <summary>
/// Server-side progress of large uploads. The page names each upload with a random id (header
/// <c>X-Import-Id</c>) and watches it here before sending the file; the import pushes its row counts to that id,
/// and only to connections of the user who uploads: nobody else can watch someone's import, whatever the id.
/// </summary>
public sealed class ImportHub(MarketContextMetrics metrics) : Hub<IImportClient>
{
    public const string Path = "/hubs/imports";
    public const string IdHeader = "X-Import-Id";

    public static string Group(string user, string importId) => $"import:{user.Length}:{user}:{importId}";

    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public override Task OnConnectedAsync()
    {
        metrics.ViewerJoined("imports");
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.ViewerLeft("imports");
        return base.OnDisconnectedAsync(exception);
    }

    public Task Watch(string importId) =>
        IsValidId(importId) && Context.User?.Identity is { IsAuthenticated: true, Name: { } user }
            ? Groups.AddToGroupAsync(Context.ConnectionId, Group(user, importId))
            : Task.CompletedTask;
}

/// <summary>Forwards an import's progress to the uploader's watchers of its id, at most a few times a second.</summary>
public sealed class HubImportProgress(IHubContext<ImportHub, IImportClient> hub, string user, string importId) : IProgress<ImportProgress>
{
    private static readonly long Interval = Stopwatch.Frequency / 5;
    private long _last;

    public void Report(ImportProgress value)
    {
        var now = Stopwatch.GetTimestamp();
        if (now - _last < Interval)
        {
            return;
        }
        _last = now;
        // Fire and forget: a slow watcher must not slow the import down.
        _ = hub.Clients.Group(ImportHub.Group(user, importId)).ImportProgress(new ImportProgressMessage(importId, value.Rows, value.Bytes, value.TotalBytes));
    }
}
