using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MarketContext.TestSupport;

/// <summary>
/// A stand-in for the online price source on 127.0.0.1: answers what the test queued, in order, and records
/// every request. Never the internet.
/// </summary>
public sealed class RecordedPriceServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Answer> _answers = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private WebApplication _app = null!;
    private Answer? _always;

    private sealed record Answer(int Status, string Body, string ContentType, TimeSpan Delay, IReadOnlyDictionary<string, string>? Headers = null);

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<string> Requests => [.. _requests];

    public static async Task<RecordedPriceServer> StartAsync()
    {
        var server = new RecordedPriceServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        server._app = builder.Build();
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        server.BaseUrl = server._app.Urls.First().TrimEnd('/');
        return server;
    }

    /// <summary>A loopback address where nothing listens: connecting is refused at once, as when offline.</summary>
    public static string RefusingUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    public void Reset()
    {
        _answers.Clear();
        _requests.Clear();
        _always = null;
    }

    public void Enqueue(int status, string body, string contentType = "application/json", TimeSpan? delay = null, IReadOnlyDictionary<string, string>? headers = null) =>
        _answers.Enqueue(new Answer(status, body, contentType, delay ?? TimeSpan.Zero, headers));

    public void AnswerAlways(int status, string body, string contentType = "application/json", TimeSpan? delay = null) =>
        _always = new Answer(status, body, contentType, delay ?? TimeSpan.Zero);

    private async Task HandleAsync(HttpContext context)
    {
        _requests.Enqueue(context.Request.Path + context.Request.QueryString);
        var answer = _answers.TryDequeue(out var next) ? next : _always ?? new Answer(404, "{}", "application/json", TimeSpan.Zero);
        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
        await context.Response.WriteAsync(answer.Body);
    }

    /// <summary>Yahoo's chart answer for weekdays from <paramref name="first"/>: close on day i is <c>start + i·step</c>.</summary>
    public static string Chart(string symbol, DateOnly first, int days, double start, double step)
    {
        var dates = PriceFixtures.Weekdays(first, days);
        // New York sessions open at 14:30 UTC in winter; the offset brings the timestamp back to the trading day.
        var timestamps = dates.Select(d => new DateTimeOffset(d.ToDateTime(new TimeOnly(14, 30)), TimeSpan.Zero).ToUnixTimeSeconds());
        string List(Func<int, double> value) => "[" + string.Join(',', dates.Select((_, i) => value(i).ToString("0.####", CultureInfo.InvariantCulture))) + "]";
        var json = new StringBuilder();
        json.Append("{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"").Append(symbol).Append("\",\"gmtoffset\":-18000},");
        json.Append("\"timestamp\":[").Append(string.Join(',', timestamps)).Append("],");
        json.Append("\"indicators\":{\"quote\":[{");
        json.Append("\"open\":").Append(List(i => start + i * step - 0.05));
        json.Append(",\"high\":").Append(List(i => start + i * step + 0.1));
        json.Append(",\"low\":").Append(List(i => start + i * step - 0.1));
        json.Append(",\"close\":").Append(List(i => start + i * step));
        json.Append(",\"volume\":").Append(List(i => 1000 + i));
        json.Append("}],\"adjclose\":[{\"adjclose\":").Append(List(i => (start + i * step) * 0.9)).Append("}]}}],\"error\":null}}");
        return json.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
