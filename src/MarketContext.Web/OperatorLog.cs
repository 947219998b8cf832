namespace MarketContext.Web;

/// <summary>
/// The events an operator reads, as structured log messages (each value a named field, whatever the console
/// formatter): imports, refreshes, annotation writes and failed sign-ins. Event ids are stable for filtering.
/// </summary>
internal static partial class OperatorLog
{
    [LoggerMessage(1001, LogLevel.Information, "Imported {Symbol} ({Format}): {Rows} row(s) read, {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Warnings} warning(s) in {ElapsedMs} ms.")]
    public static partial void ImportDone(this ILogger logger, string symbol, string format, int rows, int inserted, int updated, int unchanged, int warnings, long elapsedMs);

    [LoggerMessage(1002, LogLevel.Information, "Refused import of {Symbol} ({Format}): {Errors} error(s), nothing stored, in {ElapsedMs} ms; first: line {Line}: {FirstError}")]
    public static partial void ImportRefused(this ILogger logger, string symbol, string format, int errors, long elapsedMs, int? line, string? firstError);

    [LoggerMessage(1101, LogLevel.Information, "Refreshed {Symbol} from {Source} since {From}: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged in {ElapsedMs} ms.")]
    public static partial void RefreshDone(this ILogger logger, string symbol, string source, DateOnly from, int inserted, int updated, int unchanged, long elapsedMs);

    [LoggerMessage(1102, LogLevel.Warning, "Refresh of {Symbol} from {Source} failed ({Failure}) in {ElapsedMs} ms: {Reason}")]
    public static partial void RefreshFailed(this ILogger logger, string symbol, string source, string failure, long elapsedMs, string reason);

    [LoggerMessage(1201, LogLevel.Information, "Annotation {Id} {Kind} by {Author} (seq {Seq}).")]
    public static partial void AnnotationWritten(this ILogger logger, long id, string kind, string author, long seq);

    [LoggerMessage(1301, LogLevel.Information, "Sign-in failed for {Name} from {RemoteAddress}.")]
    public static partial void SignInFailed(this ILogger logger, string? name, string? remoteAddress);

    [LoggerMessage(1302, LogLevel.Information, "A request from {RemoteAddress} sent an unknown or expired API token.")]
    public static partial void BearerTokenRefused(this ILogger logger, string? remoteAddress);
}
