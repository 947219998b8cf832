using System.Collections.Concurrent;
using System.Net;

namespace MarketContext.TestSupport;

/// <summary>
/// A local OTLP/HTTP receiver: takes the protobuf posts of <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c>,
/// answers 200 and keeps each signal's bodies. Enough to see what an app exports, and to export to while measuring.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _posts = new(StringComparer.Ordinal);
    private readonly Task _serving;

    public OtlpReceiver()
    {
        Endpoint = $"http://127.0.0.1:{Loopback.FreePort()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>What <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names, with <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>.</summary>
    public string Endpoint { get; }

    /// <summary>The settings that make an app export here, every signal, a metrics export each <paramref name="intervalMilliseconds"/>.</summary>
    public Dictionary<string, string?> Settings(int intervalMilliseconds = 1000) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = intervalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
    };

    /// <summary>The bodies posted to a signal's path (<c>traces</c>, <c>metrics</c>, <c>logs</c>).</summary>
    public IReadOnlyList<byte[]> Posts(string signal) => _posts.TryGetValue($"/v1/{signal}", out var bodies) ? [.. bodies] : [];

    public int Total => _posts.Values.Sum(q => q.Count);

    /// <summary>Waits until a post of the signal holds the text (a metric's or a span's name); false when it never came.</summary>
    public async Task<bool> WaitForAsync(string signal, string text, TimeSpan patience)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        for (var waited = TimeSpan.Zero; waited < patience; waited += TimeSpan.FromMilliseconds(100))
        {
            if (Posts(signal).Any(body => body.AsSpan().IndexOf(needle) >= 0))
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _posts.GetOrAdd(context.Request.Url!.AbsolutePath, _ => new ConcurrentQueue<byte[]>()).Enqueue(body.ToArray());
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
