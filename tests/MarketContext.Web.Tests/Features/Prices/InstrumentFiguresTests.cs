using System.Net;
using Dapper;
using MarketContext.TestSupport;
using MarketContext.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Prices;

/// <summary>The per-instrument figures behind /api/series: kept by the import, backfilled by the migration, and roles editors change.</summary>
public sealed class InstrumentFiguresTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string ScanSql = """
        select i.symbol as Symbol, min(p.date) as First, max(p.date) as Last, count(p.date) as Count
        from instruments i left join prices p on p.symbol = i.symbol group by i.symbol
        """;

    private const string FiguresSql = "select symbol as Symbol, first_date as First, last_date as Last, row_count as Count from instrument_figures";

    private async Task<List<(string Symbol, DateOnly? First, DateOnly? Last, long Count)>> ReadAsync(string sql)
    {
        await using var connection = await app.Factory.Services.GetRequiredService<Db>().OpenAsync();
        return [.. (await connection.QueryAsync<(string Symbol, DateOnly? First, DateOnly? Last, long Count)>(sql)).OrderBy(r => r.Symbol, StringComparer.Ordinal)];
    }

    private async Task<System.Text.Json.JsonElement> SeriesAsync(string symbol) =>
        (await app.Client.GetJsonAsync("/api/series")).EnumerateArray().Single(s => s.Str("symbol") == symbol);

    [Fact]
    public async Task An_import_that_overlaps_and_extends_keeps_the_figures_equal_to_the_rows()
    {
        (await app.Client.PostAsync("/api/series/FIG1/import", Api.Csv(PriceFixtures.Yahoo(10, 0.1, rows: 10)))).EnsureSuccessStatusCode();
        // Five days more before, the same ten with other prices, five after.
        (await app.Client.PostAsync("/api/series/FIG1/import", Api.Csv(PriceFixtures.Yahoo(20, 0.1, rows: 20, from: new DateOnly(2020, 2, 24))))).EnsureSuccessStatusCode();

        var fig = await SeriesAsync("FIG1");
        Assert.Equal(20, fig.GetProperty("count").GetInt32());
        Assert.Equal("2020-02-24", fig.Str("firstDate"));
        Assert.Equal("2020-03-20", fig.Str("lastDate"));
        Assert.Equal(await ReadAsync(ScanSql), await ReadAsync(FiguresSql));
    }

    [Fact]
    public async Task A_refused_file_leaves_the_figures_as_they_were()
    {
        var before = await ReadAsync(FiguresSql);

        var refused = await app.Client.PostAsync("/api/series/ERIC/import", Api.Csv($"{PriceFixtures.YahooHeader}\n2021-01-04,1,1,1,1,1,1\n2021-01-05,1,1,1,x,1,1\n"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before, await ReadAsync(FiguresSql));
    }

    [Fact]
    public async Task The_series_list_answers_from_the_figures_not_from_the_prices()
    {
        await using var connection = await app.Factory.Services.GetRequiredService<Db>().OpenAsync();
        await connection.ExecuteAsync("update instrument_figures set row_count = row_count + 1000 where symbol = 'QQQ'");
        try
        {
            Assert.Equal(PriceFixtures.Rows + 1000, (await SeriesAsync("QQQ")).GetProperty("count").GetInt32());
        }
        finally
        {
            await connection.ExecuteAsync("update instrument_figures set row_count = row_count - 1000 where symbol = 'QQQ'");
        }
    }

    [Fact]
    public async Task The_migration_backfills_the_figures_of_a_database_that_had_none()
    {
        await using (var connection = await app.Factory.Services.GetRequiredService<Db>().OpenAsync())
        {
            // The database as it was before the figures existed, with the prices it had then.
            await connection.ExecuteAsync("drop table instrument_figures");
            // On PostgreSQL that database also had its dates as text, before the migration that typed them.
            await connection.ExecuteAsync(TestDatabase.IsPostgres
                ? "delete from schema_migrations where version in (5, 8)"
                : "delete from schema_migrations where version = 5");
            await Migrator.MigrateAsync(connection, app.Factory.Services.GetRequiredService<Db>().Dialect);
        }

        var figures = await ReadAsync(FiguresSql);
        Assert.Equal(await ReadAsync(ScanSql), figures);
        Assert.Contains(figures, f => f.Symbol == "ERIC" && f.Count == PriceFixtures.Rows);
    }

    [Fact]
    public async Task Editors_change_a_role_and_everyone_sees_it()
    {
        using var anonymous = app.Factory.CreateClient();
        using var viewer = app.Factory.Authorize(app.Factory.CreateClient(), "viewer-figures", "viewer");
        (await app.Client.PostAsync("/api/series/ROLE1/import", Api.Csv(PriceFixtures.Yahoo(10, 0.1)))).EnsureSuccessStatusCode();

        var changed = await (await app.Client.PutAsync("/api/series/role1/role", Api.Json(new { role = "vendor" }))).JsonAsync();
        var refusedAnonymous = await anonymous.PutAsync("/api/series/ROLE1/role", Api.Json(new { role = "other" }));
        var refusedViewer = await viewer.PutAsync("/api/series/ROLE1/role", Api.Json(new { role = "other" }));
        var badRole = await (await app.Client.PutAsync("/api/series/ROLE1/role", Api.Json(new { role = "villain" }))).ProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await app.Client.PutAsync("/api/series/NOSUCH/role", Api.Json(new { role = "other" }));

        Assert.Equal("vendor", changed.Str("role"));
        Assert.Equal("vendor", (await SeriesAsync("ROLE1")).Str("role"));
        Assert.Equal(HttpStatusCode.Unauthorized, refusedAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedViewer.StatusCode);
        Assert.Equal("role", Assert.Single(badRole.Errors()).Str("field"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        (await app.Client.PutAsync("/api/series/ROLE1/role", Api.Json(new { role = "other" }))).EnsureSuccessStatusCode();
    }
}
