using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MarketContext.Web.Data;

/// <summary>
/// A write that found the database held by another writer for longer than it may wait (SQLite's one writer lock behind
/// a long import; a PostgreSQL lock or serialization conflict) is answered 503 with <c>Retry-After</c>: nothing of it was
/// stored, and the same request later succeeds. Never a 500.
/// </summary>
public sealed class DatabaseBusy(ILogger<DatabaseBusy> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    // SQLITE_BUSY and SQLITE_LOCKED; PostgreSQL's lock_not_available, deadlock_detected and serialization_failure.
    public static bool IsBusy(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        PostgresException postgres => postgres.SqlState is "55P03" or "40P01" or "40001",
        _ => exception.InnerException is { } inner && IsBusy(inner),
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsBusy(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }
        logger.LogWarning("{Method} {Path} found the database busy with another writer; answered 503.", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(title: "The database is busy", statusCode: StatusCodes.Status503ServiceUnavailable,
            detail: $"Another write (an import) holds the database; nothing of this request was stored. Try again in {RetryAfterSeconds} s.")
            .ExecuteAsync(httpContext);
        return true;
    }
}
