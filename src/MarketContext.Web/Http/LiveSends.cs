using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace MarketContext.Web.Http;

/// <summary>
/// What the server holds for the messages on their way to each live viewer. A send to a viewer never waits: what its
/// connection cannot take at once waits in a queue of its own (at most <c>MarketContext:Live:MaxQueuedKilobytes</c>), so a broadcast,
/// or Redis's subscriber handing a message to this instance's viewers, goes on to the next viewer at once. A viewer
/// whose connection takes nothing for <c>MarketContext:Live:SendSeconds</c>, or whose queue would grow past its bound,
/// is disconnected and its queue dropped: it catches up from the changes feed when it comes back.
/// </summary>
public sealed class LiveSends(IOptions<MarketContextOptions> options, ILogger<LiveSends> logger)
{
    /// <summary>
    /// The operating system's send buffer for a live connection: left to itself it grows to megabytes for a viewer
    /// that reads nothing, and only once it is full does the connection look stuck.
    /// </summary>
    private const int SocketSendBufferBytes = 64 * 1024;

    private int _open;
    private long _queued;

    /// <summary>Live connections of this instance that go through here.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Bytes waiting in the viewers' queues of this instance.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queued);

    /// <summary>Runs the hub for <paramref name="connection"/> with its sends going through a bounded queue.</summary>
    public async Task RunAsync(ConnectionContext connection, ConnectionDelegate hub)
    {
        // A WebSocket has its socket to itself; the other transports share theirs with later requests.
        var socket = connection.Features.Get<IHttpTransportFeature>()?.TransportType == HttpTransportType.WebSockets
            ? connection.GetHttpContext()?.Features.Get<IConnectionSocketFeature>()?.Socket
            : null;
        if (socket is not null)
        {
            try
            {
                socket.SendBufferSize = SocketSendBufferBytes;
            }
            catch (SocketException)
            {
                // The connection is already going; the hub finds out.
            }
        }
        var transport = connection.Transport;
        var live = options.Value.Live;
        var output = new QueuedOutput(transport.Output, connection, this, TimeSpan.FromSeconds(live.SendSeconds), live.MaxQueuedKilobytes * 1024L);
        connection.Transport = new Duplex(transport.Input, output);
        Interlocked.Increment(ref _open);
        try
        {
            await hub(connection);
            // The hub's last words (its close message) reach the connection before it is disposed, or it is cut.
            await output.DrainedAsync();
        }
        finally
        {
            output.Drop();
            connection.Transport = transport;
            Interlocked.Decrement(ref _open);
        }
    }

    private void Disconnected(string why) => logger.LogInformation("A live viewer {Why} and was disconnected; it catches up when it reconnects.", why);

    private sealed record Duplex(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    /// <summary>
    /// The connection's writer as the hub sees it: a write goes straight through while the connection keeps up; once a
    /// write has to wait, the ones after it are copied into the queue, and a loop of its own hands them over in order.
    /// </summary>
    private sealed class QueuedOutput(PipeWriter connectionOutput, ConnectionContext connection, LiveSends owner, TimeSpan stall, long maxQueued) : PipeWriter
    {
        private static readonly ValueTask<FlushResult> Sent = new(new FlushResult(isCanceled: false, isCompleted: false));
        private static readonly ValueTask<FlushResult> Gone = new(new FlushResult(isCanceled: false, isCompleted: true));

        private readonly Lock _gate = new();
        private readonly Queue<byte[]> _queue = new();
        private ArrayBufferWriter<byte>? _staged;
        private long _queued;
        private bool _draining;
        private bool _gone;
        private Task _drain = Task.CompletedTask;

        public override void Advance(int bytes) => Staged.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => Staged.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => Staged.GetSpan(sizeHint);

        private ArrayBufferWriter<byte> Staged => _staged ??= new ArrayBufferWriter<byte>(256);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            if (_staged is not { WrittenCount: > 0 } staged)
            {
                return _gone ? Gone : Sent;
            }
            var result = Send(staged.WrittenMemory);
            staged.ResetWrittenCount();
            return result;
        }

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            if (_staged is { WrittenCount: > 0 })
            {
                _ = FlushAsync(cancellationToken);
            }
            return Send(source);
        }

        // A flush never waits here, so there is none to cancel.
        public override void CancelPendingFlush()
        {
        }

        // The connection's own writer is completed by its owner when the connection ends.
        public override void Complete(Exception? exception = null)
        {
        }

        private ValueTask<FlushResult> Send(ReadOnlyMemory<byte> message)
        {
            lock (_gate)
            {
                if (_gone)
                {
                    return Gone;
                }
                if (!_draining)
                {
                    // The pipe copies the message before it answers: only the wait for the viewer is left pending.
                    var flush = connectionOutput.WriteAsync(message);
                    if (flush.IsCompletedSuccessfully)
                    {
                        return flush.Result.IsCompleted ? Gone : Sent;
                    }
                    _draining = true;
                    _drain = DrainAsync(flush);
                    return Sent;
                }
                if (_queued + message.Length > maxQueued)
                {
                    DisconnectLocked($"had more than {maxQueued / 1024} KB of messages waiting");
                    return Gone;
                }
                _queue.Enqueue(message.ToArray());
                _queued += message.Length;
                Interlocked.Add(ref owner._queued, message.Length);
                return Sent;
            }
        }

        private async Task DrainAsync(ValueTask<FlushResult> pending)
        {
            var flush = pending;
            while (true)
            {
                try
                {
                    var result = flush.IsCompleted ? flush.Result : await flush.AsTask().WaitAsync(stall);
                    if (result.IsCompleted)
                    {
                        Drop();
                        return;
                    }
                }
                catch (TimeoutException)
                {
                    lock (_gate)
                    {
                        DisconnectLocked($"took no message for {stall.TotalSeconds:0.#} s");
                    }
                    return;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The connection went away under the write.
                    Drop();
                    return;
                }
                lock (_gate)
                {
                    if (_gone || !_queue.TryDequeue(out var next))
                    {
                        _draining = false;
                        return;
                    }
                    _queued -= next.Length;
                    Interlocked.Add(ref owner._queued, -next.Length);
                    flush = connectionOutput.WriteAsync(next);
                }
            }
        }

        public async Task DrainedAsync()
        {
            try
            {
                await _drain.WaitAsync(stall);
            }
            catch (TimeoutException)
            {
                // Cut below, with whatever is still waiting.
            }
        }

        /// <summary>Forgets what waits; nothing more is sent.</summary>
        public void Drop()
        {
            lock (_gate)
            {
                ForgetLocked();
            }
        }

        private void DisconnectLocked(string why)
        {
            if (_gone)
            {
                return;
            }
            ForgetLocked();
            owner.Disconnected(why);
            connection.Abort(new ConnectionAbortedException($"The viewer {why}."));
        }

        private void ForgetLocked()
        {
            _gone = true;
            Interlocked.Add(ref owner._queued, -_queued);
            _queued = 0;
            _queue.Clear();
        }
    }
}

public static class LiveSendsExtensions
{
    /// <summary>
    /// <typeparamref name="THub"/> at <paramref name="pattern"/>, as <c>MapHub</c> maps it, with every viewer's sends
    /// going through <see cref="LiveSends"/>.
    /// </summary>
    public static ConnectionEndpointRouteBuilder MapLiveHub<THub>(this IEndpointRouteBuilder app, string pattern, Action<HttpConnectionDispatcherOptions> configure)
        where THub : Hub
    {
        var options = new HttpConnectionDispatcherOptions();
        configure(options);
        var sends = app.ServiceProvider.GetRequiredService<LiveSends>();
        var endpoints = app.MapConnections(pattern, options, connection => connection
            .Use(hub => context => sends.RunAsync(context, hub))
            .UseHub<THub>());
        endpoints.Add(endpoint => endpoint.Metadata.Add(new HubMetadata(typeof(THub))));
        return endpoints;
    }
}
