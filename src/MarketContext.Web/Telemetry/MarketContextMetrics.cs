using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MarketContext.Web.Telemetry;

/// <summary>
/// The product's own measures, under <c>marketcontext.</c> and named by OpenTelemetry's conventions: durations in
/// seconds, counts in <c>{things}</c>, sizes in bytes. Attributes are a few fixed words each, never user input, so no
/// series grows with the data and nothing a user typed leaves the process. The README lists them all.
/// </summary>
public sealed class MarketContextMetrics
{
    public const string MeterName = "MarketContext";

    /// <summary>Attribute names beside the standard ones (<c>error.type</c>, <c>http.response.status_code</c>).</summary>
    public const string ChangeKind = "marketcontext.annotation.change", Hub = "marketcontext.hub", PictureOutcome = "marketcontext.picture.outcome",
        SlotResult = "marketcontext.drawing_slot.result", CacheResult = "marketcontext.cache.result", StudyScope = "marketcontext.event_study.scope",
        ErrorType = "error.type", StatusCode = "http.response.status_code";

    // From a millisecond to a minute: the default buckets are made for milliseconds.
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    private readonly Histogram<double> _broadcast;
    private readonly UpDownCounter<long> _viewers;
    private readonly Counter<long> _pictures;
    private readonly Histogram<double> _drawTime;
    private readonly UpDownCounter<long> _queued;
    private readonly Histogram<double> _timeInQueue;
    private readonly Counter<long> _importRows;
    private readonly Histogram<double> _importTime;
    private readonly Counter<long> _refusedFiles;
    private readonly Counter<long> _fetches;
    private readonly Gauge<int> _circuit;
    private readonly Histogram<double> _studyTime;
    private readonly Counter<long> _signInFailures;
    private readonly Counter<long> _lockouts;
    private readonly Counter<long> _seriesLookups;
    private readonly Gauge<long> _seriesBytes;

    public MarketContextMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _broadcast = meter.CreateHistogram("marketcontext.annotation.broadcast.duration", "s",
            "From the start of an annotation's write to the end of its broadcast to the viewers.", advice: Seconds);
        _viewers = meter.CreateUpDownCounter<long>("marketcontext.hub.viewers", "{viewer}", "Connections open to a hub of this instance.");
        _pictures = meter.CreateCounter<long>("marketcontext.pictures", "{picture}", "Pictures asked for: drawn, served from the cache, or refused (429/503).");
        _drawTime = meter.CreateHistogram("marketcontext.picture.draw.duration", "s", "Time a picture held a drawing slot.", advice: Seconds);
        _queued = meter.CreateUpDownCounter<long>("marketcontext.drawing_slot.queued_requests", "{request}", "Requests waiting for a drawing slot.");
        _timeInQueue = meter.CreateHistogram("marketcontext.drawing_slot.request.time_in_queue", "s", "Time a request waited for a drawing slot.", advice: Seconds);
        _importRows = meter.CreateCounter<long>("marketcontext.import.rows", "{row}", "Price rows stored by imports.");
        _importTime = meter.CreateHistogram("marketcontext.import.duration", "s", "Time an import took, file read to commit.", advice: Seconds);
        _refusedFiles = meter.CreateCounter<long>("marketcontext.import.refused_files", "{file}", "Price files refused, by why.");
        _fetches = meter.CreateCounter<long>("marketcontext.price_source.fetches", "{fetch}", "Downloads from the online price source; error.type when one failed.");
        _circuit = meter.CreateGauge<int>("marketcontext.price_source.circuit.state", "{state}",
            "The price source's circuit breaker: 0 closed, 1 half-open, 2 open.");
        _studyTime = meter.CreateHistogram("marketcontext.event_study.duration", "s", "Time an event study took, one event or across events.", advice: Seconds);
        _signInFailures = meter.CreateCounter<long>("marketcontext.sign_in.failures", "{attempt}", "Sign-ins refused for a wrong name or password.");
        _lockouts = meter.CreateCounter<long>("marketcontext.sign_in.lockouts", "{attempt}", "Sign-ins refused because the address tried too often.");
        _seriesLookups = meter.CreateCounter<long>("marketcontext.series_cache.lookups", "{lookup}", "Price series asked of the cache; hit or miss.");
        _seriesBytes = meter.CreateGauge<long>("marketcontext.series_cache.size", "By", "Bytes the price series cache holds.");
    }

    public void AnnotationBroadcast(string change, TimeSpan sinceWriteStarted) =>
        _broadcast.Record(sinceWriteStarted.TotalSeconds, new KeyValuePair<string, object?>(ChangeKind, change));

    public void ViewerJoined(string hub) => _viewers.Add(1, new KeyValuePair<string, object?>(Hub, hub));

    public void ViewerLeft(string hub) => _viewers.Add(-1, new KeyValuePair<string, object?>(Hub, hub));

    public void PictureDrawn(TimeSpan took)
    {
        _pictures.Add(1, new KeyValuePair<string, object?>(PictureOutcome, "drawn"));
        _drawTime.Record(took.TotalSeconds);
    }

    public void PictureFromCache() => _pictures.Add(1, new KeyValuePair<string, object?>(PictureOutcome, "cached"));

    public void PictureRefused(int statusCode) =>
        _pictures.Add(1, new KeyValuePair<string, object?>(PictureOutcome, "refused"), new KeyValuePair<string, object?>(StatusCode, statusCode));

    public void QueueEntered() => _queued.Add(1);

    public void QueueLeft(TimeSpan waited, bool acquired)
    {
        _queued.Add(-1);
        _timeInQueue.Record(waited.TotalSeconds, new KeyValuePair<string, object?>(SlotResult, acquired ? "acquired" : "refused"));
    }

    public void Imported(long rows, TimeSpan took)
    {
        _importRows.Add(rows);
        _importTime.Record(took.TotalSeconds);
    }

    public void FileRefused(string why) => _refusedFiles.Add(1, new KeyValuePair<string, object?>(ErrorType, why));

    /// <summary>One download from the price source; <paramref name="failure"/> names why it failed, null when it did not.</summary>
    public void Fetched(string? failure)
    {
        if (failure is null)
        {
            _fetches.Add(1);
        }
        else
        {
            _fetches.Add(1, new KeyValuePair<string, object?>(ErrorType, failure));
        }
    }

    public void CircuitState(int state) => _circuit.Record(state);

    public void StudyRan(string scope, TimeSpan took) => _studyTime.Record(took.TotalSeconds, new KeyValuePair<string, object?>(StudyScope, scope));

    public void SignInFailed() => _signInFailures.Add(1);

    public void SignInLockedOut() => _lockouts.Add(1);

    public void SeriesLookedUp(bool hit) => _seriesLookups.Add(1, new KeyValuePair<string, object?>(CacheResult, hit ? "hit" : "miss"));

    public void SeriesCacheHolds(long bytes) => _seriesBytes.Record(bytes);

    /// <summary>Time since a <see cref="Stopwatch.GetTimestamp"/>, for the durations above.</summary>
    public static TimeSpan Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp);
}
