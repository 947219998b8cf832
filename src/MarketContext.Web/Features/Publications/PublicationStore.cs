using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Auth;

namespace MarketContext.Web.Features.Publications;

/// <summary>
/// One stored output of a publication: a format (png, svg, csv, json…) in a theme (<c>""</c> for a format without one),
/// drawn once when it was published. The SHA-256 of the bytes is its strong ETag.
/// </summary>
public sealed record PublicationOutput(string Format, string Theme, string MediaType, byte[] Bytes)
{
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Bytes));
}

/// <summary>A publication to store: what was asked, the furniture, the pins and the outputs drawn from the pinned query.</summary>
public sealed record NewPublication(PublicationKind Kind, string Query, string PinnedQuery, PublicationFurniture Furniture, PublicationPins Pins,
    DateTime PublishedAt, IReadOnlyList<PublicationOutput> Outputs);

/// <summary>
/// Publications and their outputs. A publication and every output are written in one transaction, never changed
/// afterwards; a new number under a slug is the next after its largest, given out under the publications' lock.
/// </summary>
public sealed class PublicationStore(Db db, TimeProvider clock)
{
    private const string Columns = """
        slug, number, kind, query, pinned_query as PinnedQuery, title, subtitle, notes, source, byline, licence, alt_text as AltText,
        price_vintage as PriceVintage, event_set as EventSet, annotation_seq as AnnotationSeq, renderer_version as RendererVersion,
        published_at as PublishedAt, published_by as PublishedBy
        """;

    private const string OneSql = $"select {Columns} from publications where slug = @slug and number = @number";

    private const string ListSql = $"select {Columns} from publications order by published_at desc, slug, number desc limit @limit";

    private const string LastNumberSql = "select coalesce(max(number), 0) from publications where slug = @slug";

    private const string SlugsLikeSql = "select distinct slug from publications where slug = @slug or slug like @prefix";

    private const string InsertSql = """
        insert into publications (slug, number, kind, query, pinned_query, title, subtitle, notes, source, byline, licence, alt_text,
            price_vintage, event_set, annotation_seq, renderer_version, published_at, published_by)
        values (@Slug, @Number, @Kind, @Query, @PinnedQuery, @Title, @Subtitle, @Notes, @Source, @Byline, @Licence, @AltText,
            @PriceVintage, @EventSet, @AnnotationSeq, @RendererVersion, @PublishedAt, @PublishedBy)
        """;

    private const string InsertOutputSql = """
        insert into publication_outputs (slug, number, format, theme, media_type, bytes, sha256)
        values (@Slug, @Number, @Format, @Theme, @MediaType, @Bytes, @Sha256)
        """;

    private const string OutputSql = """
        select format, theme, media_type as MediaType, bytes from publication_outputs
        where slug = @slug and number = @number and format = @format and theme = @theme
        """;

    private const string FormatsSql = "select format, theme from publication_outputs where slug = @slug and number = @number order by format, theme";

    private sealed class Row
    {
        public string Slug { get; init; } = "";
        public long Number { get; init; }
        public string Kind { get; init; } = "";
        public string Query { get; init; } = "";
        public string PinnedQuery { get; init; } = "";
        public string Title { get; init; } = "";
        public string? Subtitle { get; init; }
        public string? Notes { get; init; }
        public string? Source { get; init; }
        public string? Byline { get; init; }
        public string? Licence { get; init; }
        public string AltText { get; init; } = "";
        public long PriceVintage { get; init; }
        public string EventSet { get; init; } = "";
        public long AnnotationSeq { get; init; }
        public string RendererVersion { get; init; } = "";
        public DateTime PublishedAt { get; init; }
        public string PublishedBy { get; init; } = "";

        public Publication ToPublication() => new(Slug, (int)Number, PublicationKinds.Parse(Kind)!.Value, Query, PinnedQuery,
            new PublicationFurniture(Title, Subtitle, Notes, Source, Byline, Licence, AltText),
            new PublicationPins(PriceVintage, EventSet, AnnotationSeq, RendererVersion), PublishedAt, PublishedBy);
    }

    private sealed record OutputRow(string Format, string Theme, string MediaType, byte[] Bytes);

    /// <summary>The format and theme of each stored output of a publication.</summary>
    public sealed record StoredFormat(string Format, string Theme);

    public async Task<Publication?> FindAsync(string slug, int number, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<Row>(OneSql, new { slug, number }))?.ToPublication();
    }

    /// <summary>The newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<Publication>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<Row>(ListSql, new { limit })).Select(r => r.ToPublication())];
    }

    public async Task<PublicationOutput?> OutputAsync(string slug, int number, string format, string theme, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OutputRow>(OutputSql, new { slug, number, format, theme });
        return row is null ? null : new PublicationOutput(row.Format, row.Theme, row.MediaType, row.Bytes);
    }

    public async Task<IReadOnlyList<StoredFormat>> FormatsAsync(string slug, int number, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<StoredFormat>(FormatsSql, new { slug, number })];
    }

    /// <summary>The last number under a slug (0 when none): its numbers are 1 to this, none ever removed.</summary>
    public async Task<int> LastNumberAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(LastNumberSql, new { slug });
    }

    /// <summary>Whether any publication has this slug.</summary>
    public async Task<bool> ExistsAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(LastNumberSql, new { slug }) > 0;
    }

    /// <summary>
    /// Stores the publication under <paramref name="slug"/>: as its next number when <paramref name="republish"/>, else
    /// under that slug made unique (<c>-2</c>, <c>-3</c>… after it). The audit log names who published it and from where.
    /// </summary>
    public async Task<Publication> AddAsync(string slug, bool republish, NewPublication publication, string by, string address, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (db.Dialect.TransactionLock(SqlDialect.LockKey.Publications) is { } lockSql)
        {
            await connection.ExecuteAsync(lockSql, transaction: transaction);
        }
        if (!republish)
        {
            slug = await FreeSlugAsync(connection, transaction, slug);
        }
        var number = (int)await connection.ExecuteScalarAsync<long>(LastNumberSql, new { slug }, transaction) + 1;
        var at = publication.PublishedAt;
        var (furniture, pins) = (publication.Furniture, publication.Pins);
        await connection.ExecuteAsync(InsertSql, new
        {
            Slug = slug,
            Number = number,
            Kind = PublicationKinds.Name(publication.Kind),
            publication.Query,
            publication.PinnedQuery,
            furniture.Title,
            furniture.Subtitle,
            furniture.Notes,
            furniture.Source,
            furniture.Byline,
            furniture.Licence,
            furniture.AltText,
            pins.PriceVintage,
            pins.EventSet,
            pins.AnnotationSeq,
            pins.RendererVersion,
            PublishedAt = at,
            PublishedBy = by,
        }, transaction);
        foreach (var output in publication.Outputs)
        {
            await connection.ExecuteAsync(InsertOutputSql,
                new { Slug = slug, Number = number, output.Format, output.Theme, output.MediaType, output.Bytes, output.Sha256 }, transaction);
        }
        await AuditLog.RecordAsync(connection, transaction, at, by, "publication published", $"{slug}/{number}",
            $"{PublicationKinds.Name(publication.Kind)}, pinned at {publication.PinnedQuery}, from {address}");
        await transaction.CommitAsync(cancellationToken);
        return new Publication(slug, number, publication.Kind, publication.Query, publication.PinnedQuery, furniture, pins, at, by);
    }

    /// <summary>The slug itself when no publication has it, else the first of <c>slug-2</c>, <c>slug-3</c>… that is free.</summary>
    private static async Task<string> FreeSlugAsync(DbConnection connection, DbTransaction transaction, string slug)
    {
        var taken = (await connection.QueryAsync<string>(SlugsLikeSql, new { slug, prefix = slug + "-%" }, transaction)).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(slug))
        {
            return slug;
        }
        var n = 2;
        while (taken.Contains($"{slug}-{n}"))
        {
            n++;
        }
        return $"{slug}-{n}";
    }

    /// <summary>The time a publication made now is stored with, in whole milliseconds so what is stored as text reads back equal.</summary>
    public DateTime PublishingTime()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }
}
