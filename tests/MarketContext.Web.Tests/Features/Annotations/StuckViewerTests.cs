using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Web.Tests.Features.Annotations;

/// <summary>
/// A viewer that stops reading (a raw WebSocket that completes SignalR's handshake, then never reads, with a small
/// receive window) while large annotations are posted: every POST still answers within a second (a broadcast awaited
/// in the request took 11 s here), and the other viewers get every change, in order.
/// </summary>
public sealed class StuckViewerTests : IAsyncLifetime
{
    // 400 × 30 KB: more than the server's socket may buffer (Linux lets it grow to 4 MB) and the pipes before it.
    private const int Posts = 400;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();
    private readonly Channel<long> _added = Channel.CreateUnbounded<long>();
    private MarketContextFactory _factory = null!;
    private HttpClient _client = null!;
    private HubConnection _viewer = null!;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        _factory = MarketContextFactory.In(_folder, new Dictionary<string, string?>
        {
            ["MarketContext:Live:SendSeconds"] = "1",
            // 400 writes in well under a minute: the quota is not what this test is about.
            ["MarketContext:Quotas:AnnotationsPerMinute"] = "1000",
            ["MarketContext:MaxAnnotationLength"] = "30000",
        });
        _url = new Uri(_factory.StartKestrel());
        _client = _factory.Authorize(new HttpClient { BaseAddress = _url });
        _viewer = new HubConnectionBuilder().WithUrl(new Uri(_url, "/hubs/annotations"), o => o.Transports = HttpTransportType.WebSockets).Build();
        _viewer.On<JsonElement>("annotationAdded", a => _added.Writer.TryWrite(a.GetProperty("id").GetInt64()));
        await _viewer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _viewer.DisposeAsync();
        _client.Dispose();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Writes_stay_fast_and_other_viewers_get_every_change_while_a_viewer_never_reads()
    {
        using var stuck = await StuckViewer.ConnectAsync(_url);
        var text = new string('x', 29_990);

        var slowest = TimeSpan.Zero;
        var ids = new List<long>();
        for (var i = 0; i < Posts; i++)
        {
            var timer = Stopwatch.StartNew();
            var created = await (await _client.PostAsJsonAsync("/api/annotations", new { date = "2020-03-23", text = $"{i} {text}" })).JsonAsync(HttpStatusCode.Created);
            slowest = timer.Elapsed > slowest ? timer.Elapsed : slowest;
            ids.Add(created.GetProperty("id").GetInt64());
        }
        var received = new List<long>();
        while (received.Count < Posts)
        {
            received.Add(await _added.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        }

        Assert.True(slowest < TimeSpan.FromSeconds(1), $"the slowest POST took {slowest.TotalMilliseconds:0} ms");
        Assert.Equal(ids, received);
    }

    /// <summary>
    /// A WebSocket client by hand: upgrade, SignalR's JSON handshake, then no reading at all; it keeps sending pings, so
    /// the server's keep-alive timeout never ends it and only a bound on what it holds for it can.
    /// </summary>
    private sealed class StuckViewer : IDisposable
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
}
