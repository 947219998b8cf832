using Dapper;
using MarketContext.Web.Data;
using Microsoft.Data.Sqlite;

namespace MarketContext.Web.Tests.Data;

/// <summary>
/// On SQLite timestamps are text: every one the app writes has the one form SQLite databases already hold, so
/// comparing or ordering the text compares the times, and each reads back as the same UTC instant.
/// </summary>
public sealed class SqliteTimestampTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Timestamps_are_stored_in_one_text_form_whose_order_is_time_order()
    {
        DateOnlyTypeHandler.Register();
        UtcDateTimeTypeHandler.Register();
        var db = new Db(_folder.Combine("timestamps.db"));
        DateTime[] times =
        [
            new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_567),
            new(2020, 1, 2, 3, 4, 5, 500, DateTimeKind.Utc),
            new(2020, 1, 2, 13, 0, 0, DateTimeKind.Utc),
        ];
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("create table stamps (n integer not null, at text, maybe text)");
        for (var i = 0; i < times.Length; i++)
        {
            await connection.ExecuteAsync("insert into stamps (n, at, maybe) values (@n, @at, @maybe)", new { n = i, at = times[i], maybe = (DateTime?)null });
        }

        Assert.Equal(["2020-01-02 03:04:05", "2020-01-02 03:04:05.1234567", "2020-01-02 03:04:05.5", "2020-01-02 13:00:00"],
            await connection.QueryAsync<string>("select at from stamps order by n"));
        Assert.Equal([0L, 1, 2, 3], await connection.QueryAsync<long>("select n from stamps order by at"));
        Assert.Equal(times, await connection.QueryAsync<DateTime>("select at from stamps order by n"));
        Assert.All(await connection.QueryAsync<DateTime>("select at from stamps"), t => Assert.Equal(DateTimeKind.Utc, t.Kind));
        Assert.Equal(4, await connection.ExecuteScalarAsync<long>("select count(*) from stamps where maybe is null"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("select count(*) from stamps where at > @t", new { t = times[1] }));
    }
}
