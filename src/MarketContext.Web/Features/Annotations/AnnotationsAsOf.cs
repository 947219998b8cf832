using System.Globalization;
using Dapper;
using MarketContext.Web.Data;

namespace MarketContext.Web.Features.Annotations;

/// <summary>
/// The annotations as they were after one change: rebuilt from the change log, each annotation as its latest change at
/// or before that seq left it, those deleted by then left out. A seq names one state of every annotation, so a view
/// drawn "as of" it stays the same whatever is written later.
/// </summary>
public sealed class AnnotationsAsOf(Db db)
{
    private const string Columns = """
        c.annotation_id as Id, c.seq, c.date, c.end_date as EndDate, c.symbol, c.text, c.author, c.created_at as CreatedAt, c.updated_at as UpdatedAt
        """;

    private const string Latest = """
        c.seq = (select max(l.seq) from annotation_changes l where l.annotation_id = c.annotation_id and l.seq <= @seq)
        and c.kind <> 'deleted'
        """;

    private const string ListSql = $"""
        select {Columns} from annotation_changes c
        where coalesce(c.end_date, c.date) >= @from and c.date <= @to and {Latest}
        order by c.date, c.annotation_id
        """;

    private const string ByIdSql = $"select {Columns} from annotation_changes c where c.annotation_id = @id and {Latest}";

    private const string LastSeqSql = "select coalesce(max(seq), 0) from annotation_changes";

    /// <summary>The annotations live after change <paramref name="seq"/> that touch the days from <paramref name="from"/> to <paramref name="to"/>, by date.</summary>
    public async Task<IReadOnlyList<Annotation>> ListAsync(long seq, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<Annotation>(ListSql, new { seq, from, to })];
    }

    /// <summary>One annotation as it was after change <paramref name="seq"/>; null when it did not exist then or was deleted by then.</summary>
    public async Task<Annotation?> FindAsync(long seq, long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Annotation>(ByIdSql, new { seq, id });
    }

    /// <summary>
    /// Why <paramref name="seq"/> names no state of the annotations, or null when it does: a change still to come would
    /// read differently once it is written.
    /// </summary>
    public async Task<string?> RefusalAsync(long seq, string field, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var last = await connection.ExecuteScalarAsync<long>(LastSeqSql);
        return seq <= last
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{field}: change {seq} is beyond the last annotation change, {last}; the annotations as of then are not known yet.");
    }
}
