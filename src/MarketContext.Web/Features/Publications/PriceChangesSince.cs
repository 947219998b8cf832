using Dapper;
using MarketContext.Web.Data;

namespace MarketContext.Web.Features.Publications;

/// <summary>A stored day whose values changed after the pinned vintage: what they were then, what they are now, and the vintage that wrote them.</summary>
public sealed record RevisedPrice(string Symbol, DateOnly Date, double OldClose, double? OldAdjClose, double NewClose, double? NewAdjClose, long Vintage);

/// <summary>A day stored after the pinned vintage.</summary>
public sealed record AddedPrice(string Symbol, DateOnly Date, double Close, double? AdjClose, long Vintage);

/// <summary>At most a few items of a list, and how many more there are.</summary>
public sealed record Capped<T>(IReadOnlyList<T> Items, long More)
{
    public static readonly Capped<T> None = new([], 0);

    public bool IsEmpty => Items.Count == 0 && More == 0;
}

/// <summary>
/// The prices of some series over some days that differ from what they were at a vintage. A row whose current values
/// came after the vintage either replaced values valid at it (a revision, whose earlier values are in
/// <c>price_revisions</c>) or was first stored after it (an added day).
/// </summary>
public sealed class PriceChangesSince(Db db)
{
    private const string Later = """
        from prices p
        left join price_revisions r on r.symbol = p.symbol and r.date = p.date and (r.valid_from is null or r.valid_from <= @asOf) and r.valid_to > @asOf
        where p.symbol in @symbols and p.date >= @from and p.date <= @to and p.vintage_id > @asOf
        """;

    // A value revised and later put back as it was is no change to the reader.
    private const string Revised = $"""
        {Later} and r.symbol is not null
        and (r.close <> p.close or coalesce(r.adj_close, -1) <> coalesce(p.adj_close, -1))
        """;

    private const string Added = $"{Later} and r.symbol is null";

    private const string RevisedSql = $"""
        select p.symbol, p.date, r.close as OldClose, r.adj_close as OldAdjClose, p.close as NewClose, p.adj_close as NewAdjClose, p.vintage_id as Vintage
        {Revised}
        order by p.symbol, p.date
        limit @take
        """;

    private const string RevisedCountSql = $"select count(*) {Revised}";

    private const string AddedSql = $"""
        select p.symbol, p.date, p.close, p.adj_close as AdjClose, p.vintage_id as Vintage
        {Added}
        order by p.symbol, p.date
        limit @take
        """;

    private const string AddedCountSql = $"select count(*) {Added}";

    public async Task<(Capped<RevisedPrice> Revised, Capped<AddedPrice> Added)> ListAsync(long asOf, IReadOnlyList<string> symbols, DateOnly from, DateOnly to, int take,
        CancellationToken cancellationToken = default)
    {
        if (symbols.Count == 0 || from > to)
        {
            return (Capped<RevisedPrice>.None, Capped<AddedPrice>.None);
        }
        await using var connection = await db.OpenAsync(cancellationToken);
        var parameters = new { asOf, symbols = symbols.ToArray(), from, to, take };
        var revised = (await connection.QueryAsync<RevisedPrice>(db.Dialect.WithListParameters(RevisedSql), parameters)).AsList();
        var revisedCount = await connection.ExecuteScalarAsync<long>(db.Dialect.WithListParameters(RevisedCountSql), parameters);
        var added = (await connection.QueryAsync<AddedPrice>(db.Dialect.WithListParameters(AddedSql), parameters)).AsList();
        var addedCount = await connection.ExecuteScalarAsync<long>(db.Dialect.WithListParameters(AddedCountSql), parameters);
        return (new Capped<RevisedPrice>(revised, revisedCount - revised.Count), new Capped<AddedPrice>(added, addedCount - added.Count));
    }
}
