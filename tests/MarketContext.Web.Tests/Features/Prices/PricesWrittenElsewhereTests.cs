using Dapper;
using MarketContext.TestSupport;
using MarketContext.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>
/// Another process writes the same database as a running dashboard (the import verb on the SQLite file, another
/// instance on PostgreSQL): the dashboard must not keep drawing the prices it holds in memory.
/// </summary>
public sealed class PricesWrittenElsewhereTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_price_changed_by_another_writer_shows_in_the_next_chart()
    {
        const string url = "/api/chart.csv?symbols=ERIC&from=2020-03-02&to=2020-03-03&mode=price";
        var before = (await app.Client.GetStringAsync(url)).Split('\n')[1];

        // What an import elsewhere does: change rows and bump the symbol's version, in one transaction, without
        // telling this process's cache.
        await using (var connection = await app.Factory.Services.GetRequiredService<Db>().OpenAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("update prices set close = 123.45 where symbol = 'ERIC' and date = '2020-03-02'", transaction: transaction);
            await connection.ExecuteAsync("update instrument_figures set version = version + 1 where symbol = 'ERIC'", transaction: transaction);
            await transaction.CommitAsync();
        }
        var after = (await app.Client.GetStringAsync(url)).Split('\n')[1];

        Assert.NotEqual("2020-03-02,123.45", before);
        Assert.Equal("2020-03-02,123.45", after);
    }
}
