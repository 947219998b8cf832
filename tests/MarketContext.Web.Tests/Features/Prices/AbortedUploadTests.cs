using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>
/// An upload whose sender goes away halfway, over a real socket: nothing of it is stored. The body streams into the
/// import as it arrives, so when the connection drops the server has already written rows into the import's
/// transaction (its progress says so); only because that transaction is rolled back does none of them remain.
/// </summary>
public sealed class AbortedUploadTests
{
    private static string Rows(int year, int count)
    {
        var text = new StringBuilder("Date,Close\n");
        var day = new DateOnly(year, 1, 1);
        for (var i = 0; i < count; i++, day = day.AddDays(1))
        {
            text.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{10 + i * 0.01:0.00}\n");
        }
        return text.ToString();
    }

    [Fact]
    public async Task A_connection_dropped_halfway_through_an_upload_stores_none_of_its_rows()
    {
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder);
        var address = new Uri(factory.StartKestrel());
        var token = factory.TokenFor("uploader", "editor");

        var progress = Channel.CreateUnbounded<int>();
        await using var hub = new HubConnectionBuilder().WithUrl(address + "hubs/imports", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        hub.On<JsonElement>("importProgress", p => progress.Writer.TryWrite(p.GetProperty("rows").GetInt32()));
        await hub.StartAsync();
        var importId = Guid.NewGuid().ToString();
        await hub.InvokeAsync("Watch", importId);

        // Twice as long as what is sent: the server stores the rows that came, then the body ends too early.
        var sent = Encoding.ASCII.GetBytes(Rows(2001, 20_000));
        int rowsWrittenBeforeTheDrop;
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(address.Host, address.Port);
            var stream = socket.GetStream();
            var head = $"POST /api/series/CUT/import HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {token}\r\n"
                       + $"X-Import-Id: {importId}\r\nContent-Type: text/csv\r\nContent-Length: {sent.Length * 2}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(sent);
            await stream.FlushAsync();
            // Rows of this upload are in the open transaction before its sender goes away.
            rowsWrittenBeforeTheDrop = await progress.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            socket.Client.Close(0);
        }

        // The next upload of the same symbol waits for the write lock the dropped one held, if it still does.
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var whole = new StringContent(Rows(2010, 30), Encoding.ASCII, "text/csv");
        var report = await (await client.PostAsync("/api/series/CUT/import", whole)).JsonAsync(System.Net.HttpStatusCode.OK);
        var stored = (await client.GetJsonAsync("/api/series/CUT/prices?limit=20000")).EnumerateArray().Select(p => p.Str("date")).ToList();

        Assert.InRange(rowsWrittenBeforeTheDrop, 1, 19_999);
        Assert.Equal(30, report.GetProperty("inserted").GetInt32());
        Assert.Equal(30, stored.Count);
        Assert.All(stored, date => Assert.StartsWith("2010-", date, StringComparison.Ordinal));
    }
}
