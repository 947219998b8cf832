using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using MarketContext.TestSupport;
using MarketContext.Web.Features.EventStudy;
using MarketContext.Web.Http;

namespace MarketContext.Web.Tests.Http;

public sealed class HostileInputTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-1.25", "-1.25")]
    [InlineData("ERIC", "ERIC")]
    [InlineData("a, b", "\"a, b\"")]
    public void A_csv_cell_a_spreadsheet_would_run_is_escaped_and_numbers_stay_numbers(string cell, string written) =>
        Assert.Equal(written, CsvCells.Escape(cell));

    [Fact]
    public void The_event_study_csv_escapes_every_text_cell()
    {
        var row = new EventStudySummaryRow("E01", "=cmd|' /C calc'!A0", "t", "@category", "=HYPERLINK(\"http://x\")", null, null, null, [], "+missing", "-1+1, then more", "=QQQ");

        var csv = EventStudyEndpoints.SummaryCsv([row]).Split('\n')[1];

        Assert.StartsWith("E01,'=cmd", csv, StringComparison.Ordinal);
        Assert.Contains(",'@category,", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(", csv, StringComparison.Ordinal);
        Assert.EndsWith(",'+missing,'=QQQ,\"'-1+1, then more\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_event_categories_are_named_once_in_an_answer_that_does_not_grow_with_the_query()
    {
        var unknown = string.Join(',', Enumerable.Range(0, 300).Select(i => $"nonsense-{i}"));

        var response = await app.Client.GetAsync($"/api/chart.png?events={unknown}");
        var body = await response.Content.ReadAsStringAsync();

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.Errors());
        Assert.Contains("\"nonsense-0\"", error.Str("message"), StringComparison.Ordinal);
        Assert.Contains("and 295 more", error.Str("message"), StringComparison.Ordinal);
        Assert.True(body.Length < 4000, $"{body.Length} characters");
    }

    [Fact]
    public async Task A_chunked_json_body_over_the_limit_is_refused_with_413_and_nothing_stored()
    {
        var before = (await app.Client.GetJsonAsync("/api/annotations")).GetArrayLength();
        var json = "{\"date\":\"2020-02-13\",\"text\":\"" + new string('a', 2_000_000) + "\"}";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/annotations") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await app.Client.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, (await app.Client.GetJsonAsync("/api/annotations")).GetArrayLength());
    }

    [Fact]
    public async Task A_json_value_of_the_wrong_kind_is_named_by_its_field_not_by_a_type_of_the_server()
    {
        var response = await app.Client.PostAsync("/api/annotations", new StringContent("{\"date\": 20200213, \"text\": \"x\"}", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.Errors());
        Assert.Equal("date", error.Str("field"));
        Assert.Contains("in quotes", error.Str("message"), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_multipart_upload_is_a_400_problem()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("--abc\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nDate,Close\r\n2020-01-02,1"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=abc");

        var response = await app.Client.PostAsync("/api/series/MULTI/import", content);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("multipart", problem.Str("detail"), StringComparison.Ordinal);
        var series = await app.Client.GetJsonAsync("/api/series");
        Assert.DoesNotContain(series.EnumerateArray(), s => s.Str("symbol") == "MULTI");
    }

    [Fact]
    public async Task An_upload_that_comes_in_too_slowly_gets_a_408_problem()
    {
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder);
        var address = new Uri(factory.StartKestrel());
        var token = factory.TokenFor("slow-sam", "editor");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var head = $"POST /api/series/SLOW/import HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {token}\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\nDate,Close\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // Kestrel's minimum rate is 240 bytes/s after a 5 s grace period: send far less than that.
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reading = stream.ReadAsync(buffer, patience.Token).AsTask();
        while (!reading.IsCompleted)
        {
            await Task.WhenAny(reading, Task.Delay(1000));
            if (!reading.IsCompleted)
            {
                await stream.WriteAsync("2"u8.ToArray());
            }
        }
        answer.Append(Encoding.UTF8.GetString(buffer, 0, await reading));

        Assert.StartsWith("HTTP/1.1 408", answer.ToString(), StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer.ToString(), StringComparison.Ordinal);
    }
}
