using System.Text.Json;
using Dapper;
using MarketContext.Web.Data;

namespace MarketContext.Web.Features.Events;

/// <summary>Keeps the events table equal to the shipped catalogue and reads it back.</summary>
public sealed class EventStore(Db db)
{
    // The table changes only when the catalogue is synced at start-up; every page and chart reads it.
    private volatile IReadOnlyList<PolicyEvent>? _all;

    private const string DeleteAllSql = "delete from events";

    private const string InsertSql = """
        insert into events (id, date, end_date, precision, first_public, first_public_time_utc, title, label, summary,
            category, countries, in_article, article_paragraph, article_note, companies, sources, confidence)
        values (@Id, @Date, @EndDate, @Precision, @FirstPublic, @FirstPublicTimeUtc, @Title, @Label, @Summary,
            @Category, @Countries, @InArticle, @ArticleParagraph, @ArticleNote, @Companies, @Sources, @Confidence)
        """;

    private const string SelectSql = """
        select id, date, end_date as EndDate, precision, first_public as FirstPublic, first_public_time_utc as FirstPublicTimeUtc,
            title, label, summary, category, countries, in_article as InArticle, article_paragraph as ArticleParagraph,
            article_note as ArticleNote, companies, sources, confidence
        from events
        order by date is null, date, id
        """;

    public async Task SyncAsync(IReadOnlyList<PolicyEvent> catalogue, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Instances starting together on one PostgreSQL database would otherwise insert the same ids twice.
        if (db.Dialect.TransactionLock(SqlDialect.LockKey.EventCatalogue) is { } lockSql)
        {
            await connection.ExecuteAsync(lockSql, transaction: transaction);
        }
        await connection.ExecuteAsync(DeleteAllSql, transaction: transaction);
        await connection.ExecuteAsync(InsertSql, catalogue.Select(ToRow), transaction);
        await transaction.CommitAsync(cancellationToken);
        _all = null;
    }

    public async Task<IReadOnlyList<PolicyEvent>> AllAsync(CancellationToken cancellationToken = default)
    {
        if (_all is { } all)
        {
            return all;
        }
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventRow>(SelectSql);
        return _all = [.. rows.Select(FromRow)];
    }

    private static object ToRow(PolicyEvent e) => new
    {
        e.Id,
        e.Date,
        e.EndDate,
        e.Precision,
        e.FirstPublic,
        e.FirstPublicTimeUtc,
        e.Title,
        e.Label,
        e.Summary,
        e.Category,
        Countries = JsonSerializer.Serialize(e.Countries),
        // An integer column: PostgreSQL does not take a boolean for it.
        InArticle = e.InArticle ? 1 : 0,
        e.ArticleParagraph,
        e.ArticleNote,
        Companies = JsonSerializer.Serialize(e.Companies),
        Sources = JsonSerializer.Serialize(e.Sources),
        e.Confidence,
    };

    private static PolicyEvent FromRow(EventRow r) => new(
        r.Id, r.Date, r.EndDate, r.Precision, r.FirstPublic, r.FirstPublicTimeUtc, r.Title, r.Label, r.Summary, r.Category,
        JsonSerializer.Deserialize<string[]>(r.Countries)!, r.InArticle != 0, (int?)r.ArticleParagraph, r.ArticleNote,
        JsonSerializer.Deserialize<string[]>(r.Companies)!, JsonSerializer.Deserialize<string[]>(r.Sources)!, r.Confidence);

    private sealed record EventRow(
        string Id, DateOnly? Date, DateOnly? EndDate, string Precision, DateOnly? FirstPublic, string? FirstPublicTimeUtc,
        string Title, string Label, string Summary, string Category, string Countries, long InArticle, long? ArticleParagraph,
        string ArticleNote, string Companies, string Sources, string Confidence);
}
