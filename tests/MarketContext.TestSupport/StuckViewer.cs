using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace MarketContext.TestSupport;

/// <summary>
/// A WebSocket client by hand: upgrade, SignalR's JSON handshake, then no reading at all; it keeps sending pings, so
/// the server's keep-alive timeout never ends it and only a bound on what it holds for it can.
/// </summary>
public sealed class StuckViewer : IDisposable
{
    private readonly NetworkStream _stream;
    private readonly CancellationTokenSource _stop = new();

    private StuckViewer(Socket socket) => _stream = new NetworkStream(socket, ownsSocket: true);

    public static async Task<StuckViewer> ConnectAsync(Uri url)
    {
        // A small window, so what the server sends soon fills it.
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(IPAddress.Loopback, url.Port);
        var viewer = new StuckViewer(socket);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        await viewer._stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET /hubs/annotations HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        var head = await viewer.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);
        await viewer._stream.WriteAsync(MaskedTextFrame("{\"protocol\":\"json\",\"version\":1}\u001e"));
        Assert.Equal("{}\u001e", await viewer.ReadFrameAsync());
        _ = viewer.PingAsync();
        return viewer;
    }

    private async Task PingAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), _stop.Token);
                await _stream.WriteAsync(MaskedTextFrame("{\"type\":6}\u001e"), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Stopped, or the server closed the connection.
        }
    }

    /// <summary>
    /// Whether the server has closed the connection: reads what it sent (so only once the test no longer needs it
    /// stuck) until the end of the stream, or until nothing more comes for <paramref name="quiet"/>.
    /// </summary>
    public async Task<bool> ClosedByServerAsync(TimeSpan quiet)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var wait = new CancellationTokenSource(quiet);
                if (await _stream.ReadAsync(buffer, wait.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stream.Dispose();
        _stop.Dispose();
    }

    private async Task<string> ReadHeadAsync()
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await _stream.ReadAsync(one) == 1)
        {
            head.Append((char)one[0]);
        }
        return head.ToString();
    }

    private async Task<string> ReadFrameAsync()
    {
        var header = new byte[2];
        await _stream.ReadExactlyAsync(header);
        var length = header[1] & 0x7F;
        Assert.True(length < 126, "a short frame");
        var payload = new byte[length];
        await _stream.ReadExactlyAsync(payload);
        return Encoding.UTF8.GetString(payload);
    }

    private static byte[] MaskedTextFrame(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var mask = RandomNumberGenerator.GetBytes(4);
        var frame = new byte[6 + payload.Length];
        frame[0] = 0x81;
        frame[1] = (byte)(0x80 | payload.Length);
        mask.CopyTo(frame, 2);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[6 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }
        return frame;
    }
}
