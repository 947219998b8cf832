using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MarketContext.Web.Features.Prices.Reading;
using MarketContext.Web.Telemetry;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MarketContext.Web.Features.Prices;

/// <summary>Where online refreshes come from: <c>MarketContext:PriceSource:*</c>.</summary>
public sealed class PriceSourceOptions
{
    /// <summary><c>yahoo</c> (the chart API's JSON) or <c>stooq</c> (its CSV download).</summary>
    public string Provider { get; set; } = "yahoo";

    /// <summary>Scheme and host of the source; tests point it at a local server.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>How long one attempt may take before it counts as a timeout.</summary>
    public double TimeoutSeconds { get; set; } = 20;

    /// <summary>Attempts after the first, for 5xx answers and timeouts.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>Wait before the first retry; doubled (with jitter) before each next one, or what Retry-After asks.</summary>
    public int RetryDelayMilliseconds { get; set; } = 500;

    /// <summary>Attempts within 30 s after which the circuit breaker may open (when half of them failed).</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>How long an open circuit keeps the source from being asked.</summary>
    public double CircuitBreakerSeconds { get; set; } = 15;

    public string ResolvedBaseUrl => (BaseUrl ?? (IsStooq ? "https://stooq.com" : "https://query1.finance.yahoo.com")).TrimEnd('/');

    public bool IsStooq => Provider.Equals("stooq", StringComparison.OrdinalIgnoreCase);
}

public enum PriceSourceFailure { Offline, Timeout, Unavailable, NotFound }

/// <summary>The source could not be asked or would not answer; nothing was stored.</summary>
public sealed class PriceSourceException(PriceSourceFailure failure, string message) : Exception(message)
{
    public PriceSourceFailure Failure { get; } = failure;
}

/// <summary>
/// A download: a price file for the importer (Stooq's CSV), the rows already read from the answer (Yahoo's JSON),
/// or the reasons the answer cannot be trusted.
/// </summary>
public sealed record DownloadedPrices(string Format, byte[]? Csv, IReadOnlyList<PriceRow>? Rows, IReadOnlyList<string> Errors)
{
    public bool IsEmpty => Csv is null && Rows is null && Errors.Count == 0;
}

/// <summary>
/// Downloads daily prices over HTTP through the resilience pipeline of <see cref="PriceSourceResilience"/>; says
/// plainly when the machine is offline. Returns what the importer takes, never stores anything itself.
/// </summary>
public sealed class OnlinePriceSource(HttpClient http, IOptions<MarketContextOptions> options, MarketContextMetrics metrics)
{
    private PriceSourceOptions Source => options.Value.PriceSource;

    public string Describe() => $"{(Source.IsStooq ? "Stooq" : "Yahoo")} at {Source.ResolvedBaseUrl}";

    public async Task<DownloadedPrices> DownloadAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var body = await GetAsync(RequestUri(symbol, from, to), symbol, cancellationToken);
        if (Source.IsStooq)
        {
            // Stooq answers a CSV file, or a line of text such as "No data" that the reader refuses by its header.
            return new DownloadedPrices("stooq", body, null, []);
        }
        var chart = YahooChart.Read(Encoding.UTF8.GetString(body));
        return new DownloadedPrices("yahoo", null, chart.Rows, chart.Errors);
    }

    private Uri RequestUri(string symbol, DateOnly from, DateOnly to)
    {
        if (Source.IsStooq)
        {
            var ticker = symbol.Contains('.', StringComparison.Ordinal) ? symbol.ToLowerInvariant() : symbol.ToLowerInvariant() + ".us";
            return new Uri(string.Create(CultureInfo.InvariantCulture,
                $"{Source.ResolvedBaseUrl}/q/d/l/?s={Uri.EscapeDataString(ticker)}&d1={from:yyyyMMdd}&d2={to:yyyyMMdd}&i=d"));
        }
        static long Unix(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
        return new Uri(string.Create(CultureInfo.InvariantCulture,
            $"{Source.ResolvedBaseUrl}/v8/finance/chart/{Uri.EscapeDataString(symbol)}?period1={Unix(from)}&period2={Unix(to.AddDays(1))}&interval=1d&events=div%2Csplit"));
    }

    private async Task<byte[]> GetAsync(Uri uri, string symbol, CancellationToken cancellationToken)
    {
        try
        {
            var body = await FetchAsync(uri, symbol, cancellationToken);
            metrics.Fetched(failure: null);
            return body;
        }
        catch (PriceSourceException e)
        {
            metrics.Fetched(e.Failure.ToString().ToLowerInvariant());
            throw;
        }
    }

    private async Task<byte[]> FetchAsync(Uri uri, string symbol, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(Source.TimeoutSeconds);
        var attempts = new StrongBox<int>();
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (compatible; MarketContext/1.0)");
        request.Options.Set(PriceSourceResilience.AttemptsKey, attempts);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (PriceSourceResilience.IsUnreachable(e))
        {
            throw new PriceSourceException(PriceSourceFailure.Offline,
                $"Cannot reach {Describe()}: this machine seems to be offline or the source is down ({e.Message}). Nothing was changed.");
        }
        catch (TimeoutRejectedException)
        {
            throw TimedOut(timeout, attempts.Value);
        }
        catch (BrokenCircuitException)
        {
            throw new PriceSourceException(PriceSourceFailure.Unavailable,
                $"{Describe()} failed repeatedly and is not asked again for {Source.CircuitBreakerSeconds:0.#} s. Try again later; nothing was changed.");
        }
        catch (HttpRequestException e)
        {
            throw Failed(attempts.Value, $"the connection failed ({e.Message})");
        }
        using (response)
        {
            if (PriceSourceResilience.IsServerTrouble(response.StatusCode))
            {
                throw Failed(attempts.Value, $"the source answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            reading.CancelAfter(timeout);
            byte[] body;
            try
            {
                body = await ReadLimitedAsync(response.Content, reading.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(timeout, attempts.Value);
            }
            if (!response.IsSuccessStatusCode)
            {
                var reason = YahooChart.ErrorOf(Encoding.UTF8.GetString(body)) ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
                throw new PriceSourceException(PriceSourceFailure.NotFound, $"{Describe()} has no prices for {symbol}: {reason}.");
            }
            return body;
        }
    }

    private PriceSourceException TimedOut(TimeSpan timeout, int attempts) => new(PriceSourceFailure.Timeout,
        $"{Describe()} did not answer within {timeout.TotalSeconds:0.#} s, {attempts} attempt(s). Nothing was changed.");

    private PriceSourceException Failed(int attempts, string lastProblem) => new(PriceSourceFailure.Unavailable,
        $"{Describe()} failed {attempts} time(s); last: {lastProblem}. Try again later; nothing was changed.");

    private async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxImportBytes;
        if (content.Headers.ContentLength > limit)
        {
            throw new PriceSourceException(PriceSourceFailure.Unavailable, $"{Describe()} answered {content.Headers.ContentLength:N0} bytes, over the {limit:N0}-byte import limit.");
        }
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new PriceSourceException(PriceSourceFailure.Unavailable, $"{Describe()} answered more than the {limit:N0}-byte import limit.");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

/// <summary>Refreshes a series from the online source through the same importer as a file upload.</summary>
public sealed class PriceRefresh(OnlinePriceSource source, PriceImporter importer, PriceQueries queries, TimeProvider clock, ILogger<PriceRefresh> logger)
{
    /// <summary>Days before the last stored one that a refresh asks for again, so that late corrections come in too.</summary>
    public const int OverlapDays = 10;

    /// <param name="by">Who asked, as the vintage and the audit log record it.</param>
    public async Task<ImportReport> RefreshAsync(string symbol, DateOnly? from, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default,
        string by = Auth.AuditLog.CommandLine)
    {
        symbol = symbol.ToUpperInvariant();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = from ?? await DefaultStartAsync(symbol, cancellationToken);
        var started = clock.GetTimestamp();
        DownloadedPrices download;
        try
        {
            download = await source.DownloadAsync(symbol, start, today, cancellationToken);
        }
        catch (PriceSourceException e)
        {
            logger.RefreshFailed(symbol, source.Describe(), e.Failure.ToString(), (long)clock.GetElapsedTime(started).TotalMilliseconds, e.Message);
            throw;
        }
        if (download.Errors.Count > 0)
        {
            var findings = new ImportFindings();
            foreach (var error in download.Errors)
            {
                findings.Error(1, error);
            }
            throw new PriceFileRejectedException(symbol, PriceFile.Refused(download.Format, findings));
        }
        if (download.IsEmpty)
        {
            return new ImportReport(symbol, download.Format, 0, 0, 0, [], 0);
        }
        ImportReport report;
        var origin = new VintageOrigin(source.Describe(), by);
        if (download.Rows is { } rows)
        {
            report = await importer.ImportAsync(symbol, new ParsedRowReader(download.Format, rows, YahooChart.Evidence), progress, cancellationToken, origin);
        }
        else
        {
            using var content = new MemoryStream(download.Csv!, writable: false);
            report = await importer.ImportAsync(symbol, content, progress, cancellationToken, origin: origin);
        }
        logger.RefreshDone(symbol, source.Describe(), start, report.Inserted, report.Updated, report.Unchanged, (long)clock.GetElapsedTime(started).TotalMilliseconds);
        return report;
    }

    private async Task<DateOnly> DefaultStartAsync(string symbol, CancellationToken cancellationToken)
    {
        var series = await queries.SeriesAsync(symbol, cancellationToken);
        return series?.LastDate is { } last ? last.AddDays(-OverlapDays) : new DateOnly(1970, 1, 1);
    }
}
