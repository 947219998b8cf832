namespace MarketContext.Web;

/// <summary>
/// The events an operator reads, as structured log messages (each value a named field, whatever the console
/// formatter): imports, refreshes, annotation writes and failed sign-ins. Event ids are stable for filtering.
/// </summary>
internal static partial class OperatorLog
{
    [LoggerMessage(1001, LogLevel.Information, "Imported {Symbol} ({Format}): {Rows} row(s) read, {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Warnings} warning(s) in {ElapsedMs} ms.")]
    public static partial void ImportDone(this ILogger logger, string symbol, string format, int rows, int inserted, int updated, int unchanged, int warnings, long elapsedMs);

    /// <summary>The first error quotes the file, whatever it holds: escaped before it reaches a log or a terminal.</summary>
    public static void ImportRefused(this ILogger logger, string symbol, string format, int errors, long elapsedMs, int? line, string? firstError) =>
        logger.LogImportRefused(LogText.Escape(symbol), LogText.Escape(format), errors, elapsedMs, line, LogText.Escape(firstError));

    [LoggerMessage(1002, LogLevel.Information, "Refused import of {Symbol} ({Format}): {Errors} error(s), nothing stored, in {ElapsedMs} ms; first: line {Line}: {FirstError}")]
    private static partial void LogImportRefused(this ILogger logger, string? symbol, string? format, int errors, long elapsedMs, int? line, string? firstError);

    [LoggerMessage(1101, LogLevel.Information, "Refreshed {Symbol} from {Source} since {From}: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged in {ElapsedMs} ms.")]
    public static partial void RefreshDone(this ILogger logger, string symbol, string source, DateOnly from, int inserted, int updated, int unchanged, long elapsedMs);

    /// <summary>The reason may quote what the remote source sent.</summary>
    public static void RefreshFailed(this ILogger logger, string symbol, string source, string failure, long elapsedMs, string reason) =>
        logger.LogRefreshFailed(symbol, source, failure, elapsedMs, LogText.Escape(reason));

    [LoggerMessage(1102, LogLevel.Warning, "Refresh of {Symbol} from {Source} failed ({Failure}) in {ElapsedMs} ms: {Reason}")]
    private static partial void LogRefreshFailed(this ILogger logger, string symbol, string source, string failure, long elapsedMs, string? reason);

    public static void AnnotationWritten(this ILogger logger, long id, string kind, string author, long seq) =>
        logger.LogAnnotationWritten(id, kind, LogText.Escape(author), seq);

    [LoggerMessage(1201, LogLevel.Information, "Annotation {Id} {Kind} by {Author} (seq {Seq}).")]
    private static partial void LogAnnotationWritten(this ILogger logger, long id, string kind, string? author, long seq);

    /// <summary>The name is whatever the sign-in form was sent.</summary>
    public static void SignInFailed(this ILogger logger, string? name, string? remoteAddress) =>
        logger.LogSignInFailed(LogText.Escape(name), remoteAddress);

    [LoggerMessage(1301, LogLevel.Information, "Sign-in failed for {Name} from {RemoteAddress}.")]
    private static partial void LogSignInFailed(this ILogger logger, string? name, string? remoteAddress);

    [LoggerMessage(1302, LogLevel.Information, "A request from {RemoteAddress} sent an unknown or expired API token.")]
    public static partial void BearerTokenRefused(this ILogger logger, string? remoteAddress);
}

/// <summary>
/// Text from outside (a sign-in name, a line of a price file) as a log line may carry it: control characters (a
/// terminal's escape sequences, a forged line break) and the marks that reorder text on screen become <c>\uXXXX</c>.
/// </summary>
internal static class LogText
{
    public static string? Escape(string? text)
    {
        if (text is null || !text.Any(NeedsEscape))
        {
            return text;
        }
        var escaped = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
