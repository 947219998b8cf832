using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Features.Annotations;

/// <summary>
/// The annotation hub's connections: everything goes to SignalR's own manager (Redis's when several instances share
/// one), and besides, this instance's viewers can be told something that only they hear. Each instance tells its own
/// viewers the stored changes (<see cref="AnnotationRelay"/>), so a change reaches a viewer once, in order, whenever
/// its instance's Redis subscription was away.
/// </summary>
public sealed class AnnotationViewers(HubLifetimeManager<AnnotationHub> shared) : HubLifetimeManager<AnnotationHub>
{
    private readonly HubConnectionStore _here = new();

    public static AnnotationViewers Create(IServiceProvider services) =>
        new(services.GetRequiredService<IOptions<MarketContextOptions>>().Value.Redis is { Length: > 0 }
            ? ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<AnnotationHub>>(services)
            : ActivatorUtilities.CreateInstance<DefaultHubLifetimeManager<AnnotationHub>>(services));

    /// <summary>
    /// To every viewer connected to this instance, serialized once per protocol. Returns when every write has begun;
    /// a viewer that cannot take it at once has it queued (<see cref="Http.LiveSends"/>).
    /// </summary>
    public Task SendHereAsync(string method, object?[] args, CancellationToken cancellationToken = default)
    {
        var message = new SerializedHubMessage(new InvocationMessage(method, args));
        List<Task>? waiting = null;
        foreach (var connection in _here)
        {
            var write = connection.WriteAsync(message, cancellationToken);
            if (!write.IsCompletedSuccessfully)
            {
                (waiting ??= []).Add(write.AsTask());
            }
        }
        return waiting is null ? Task.CompletedTask : Task.WhenAll(waiting);
    }

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await shared.OnConnectedAsync(connection);
        _here.Add(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _here.Remove(connection);
        return shared.OnDisconnectedAsync(connection);
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        shared.SendAllAsync(methodName, args, cancellationToken);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        shared.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        shared.SendConnectionAsync(connectionId, methodName, args, cancellationToken);

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        shared.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken);

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        shared.SendGroupAsync(groupName, methodName, args, cancellationToken);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        shared.SendGroupsAsync(groupNames, methodName, args, cancellationToken);

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds,
        CancellationToken cancellationToken = default) =>
        shared.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken);

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        shared.SendUserAsync(userId, methodName, args, cancellationToken);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        shared.SendUsersAsync(userIds, methodName, args, cancellationToken);

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        shared.AddToGroupAsync(connectionId, groupName, cancellationToken);

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        shared.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);

    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) =>
        shared.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken);

    public override Task SetConnectionResultAsync(string connectionId, CompletionMessage result) => shared.SetConnectionResultAsync(connectionId, result);

    public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        shared.TryGetReturnType(invocationId, out type);
}
