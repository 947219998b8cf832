using System.Data.Common;
using Dapper;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Http;

namespace MarketContext.Web.Features.Annotations;

/// <summary>
/// An <c>Idempotency-Key</c> a client sent with a POST, and whose it is: keys are per account, so one user's key never
/// answers another's request.
/// </summary>
public sealed record IdempotencyKey(string Owner, string Value, TimeSpan Lifetime)
{
    public const string Header = "Idempotency-Key";

    public const int MaxLength = 255;

    /// <summary>The request's key, none when it sent none, or the problem with the one it sent.</summary>
    public static (IdempotencyKey? Key, IResult? Problem) Read(HttpContext context, TimeSpan lifetime)
    {
        var values = context.Request.Headers[Header];
        if (values.Count == 0)
        {
            return (null, null);
        }
        var value = values.Count == 1 ? values[0] ?? "" : "";
        if (value.Length is 0 or > MaxLength || value.Any(c => c is < '!' or > '~'))
        {
            return (null, Problems.Validation(Header,
                $"{Header} is one value of 1 to {MaxLength} visible ASCII characters (a UUID does well), sent once."));
        }
        var owner = CookieSessions.UserId(context.User) is { } id ? $"id:{id}" : $"name:{Roles.ActorOf(context.User)}";
        return (new IdempotencyKey(owner, value, lifetime), null);
    }

    /// <summary>Whether the first write made with this key stored what <paramref name="input"/> asks for.</summary>
    public static bool SameAs(Annotation first, ValidAnnotation input) =>
        first.Date == input.Date && first.EndDate == input.EndDate && first.Symbol == input.Symbol && first.Text == input.Text;
}

/// <summary>The keys' table: which annotation each owner's key made, for the key's lifetime.</summary>
public static class AnnotationIdempotency
{
    private const string ForgetExpiredSql = "delete from annotation_idempotency_keys where created_at < @oldest";

    // The first answer is the annotation as it was added, whatever happened to it since.
    private const string FirstAnswerSql = """
        select c.annotation_id as Id, c.seq, c.date, c.end_date as EndDate, c.symbol, c.text, c.author, c.created_at as CreatedAt, c.updated_at as UpdatedAt
        from annotation_idempotency_keys k join annotation_changes c on c.annotation_id = k.annotation_id and c.kind = 'added'
        where k.owner = @Owner and k.idempotency_key = @Value
        """;

    private const string RememberSql = """
        insert into annotation_idempotency_keys (owner, idempotency_key, annotation_id, created_at) values (@Owner, @Value, @annotationId, @now)
        """;

    /// <summary>In the write's transaction: the annotation the key made before, null if it made none (or long ago).</summary>
    public static async Task<Annotation?> FirstAnswerAsync(DbConnection connection, DbTransaction transaction, IdempotencyKey key, DateTime now)
    {
        await connection.ExecuteAsync(ForgetExpiredSql, new { oldest = now - key.Lifetime }, transaction);
        return await connection.QuerySingleOrDefaultAsync<Annotation>(FirstAnswerSql, new { key.Owner, key.Value }, transaction);
    }

    public static Task RememberAsync(DbConnection connection, DbTransaction transaction, IdempotencyKey key, long annotationId, DateTime now) =>
        connection.ExecuteAsync(RememberSql, new { key.Owner, key.Value, annotationId, now }, transaction);
}
