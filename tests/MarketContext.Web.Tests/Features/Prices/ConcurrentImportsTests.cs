using System.Globalization;
using System.Net;
using System.Text;
using MarketContext.TestSupport;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>
/// Two imports of the same new dates into one symbol at once, on PostgreSQL (where imports run side by side; SQLite's
/// single writer already takes them one after the other): both succeed, and each date is stored once.
/// </summary>
public sealed class ConcurrentImportsTests : IAsyncLifetime
{
    private const int Pairs = 10, Rows = 2000;

    private readonly TempFolder _folder = new();
    private MarketContextFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        var database = _folder.Combine("db", "imports.db");
        _factory = new MarketContextFactory(database, _folder.CreateFolder("prices"), keysDirectory: null, new Dictionary<string, string?>
        {
            ["MarketContext:Provider"] = "postgres",
            ["MarketContext:ConnectionString"] = TestDatabase.ConnectionStringFor(database),
        });
        _client = _factory.Authorize(new HttpClient { BaseAddress = new Uri(_factory.StartKestrel()) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    private static string File(DateOnly day, int rows)
    {
        var csv = new StringBuilder(PriceFixtures.YahooHeader).Append('\n');
        for (var i = 0; i < rows; i++, day = day.AddDays(1))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},10,11,9,10.5,10.4,{100 + i}\n");
        }
        return csv.ToString();
    }

    [Fact]
    public async Task Two_imports_of_the_same_new_dates_both_succeed_and_store_each_date_once()
    {
        var newDates = File(new DateOnly(1990, 1, 1), Rows);
        for (var pair = 0; pair < Pairs; pair++)
        {
            var symbol = $"PAIR{pair}";
            // A symbol already held: its new dates are merged into what is there.
            await (await _client.PostAsync($"/api/series/{symbol}/import", Api.Csv(File(new DateOnly(1980, 1, 1), 1)))).JsonAsync();
            var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
                _client.PostAsync($"/api/series/{symbol}/import", Api.Csv(newDates))));

            foreach (var answer in answers)
            {
                Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{symbol}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }
            var reports = await Task.WhenAll(answers.Select(a => a.JsonAsync()));
            // One of them stored the dates; the other found them all there already.
            Assert.Equal(Rows, reports.Sum(r => r.GetProperty("inserted").GetInt32()));
            Assert.Equal(Rows, reports.Sum(r => r.GetProperty("unchanged").GetInt32()));
            var series = (await _client.GetJsonAsync("/api/series")).EnumerateArray().Single(s => s.Str("symbol") == symbol);
            Assert.Equal(Rows + 1, series.GetProperty("count").GetInt32());
        }
    }
}
