using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using MarketContext.Web.Telemetry;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace MarketContext.Web.Features.Prices;

/// <summary>
/// The online source's HTTP client behind the standard resilience handler: a timeout per attempt, retries with
/// exponential backoff and jitter that wait as long as a <c>Retry-After</c> header asks, and a circuit breaker that
/// stops asking a source that keeps failing (a <c>fetch</c> of many symbols does not hammer it). Settings:
/// <c>MarketContext:PriceSource:TimeoutSeconds</c>, <c>Retries</c>, <c>RetryDelayMilliseconds</c>,
/// <c>CircuitBreakerMinimumThroughput</c>, <c>CircuitBreakerSeconds</c>.
/// </summary>
public static class PriceSourceResilience
{
    /// <summary>Counts the attempts one download made, for the message that ends it.</summary>
    internal static readonly HttpRequestOptionsKey<StrongBox<int>> AttemptsKey = new("MarketContext.PriceSource.Attempts");

    public static IServiceCollection AddOnlinePriceSource(this IServiceCollection services)
    {
        services.AddHttpClient<OnlinePriceSource>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler()
            .Configure((resilience, provider) => Configure(resilience, provider.GetRequiredService<IOptions<MarketContextOptions>>().Value.PriceSource,
                provider.GetRequiredService<ILogger<OnlinePriceSource>>(), provider.GetRequiredService<MarketContextMetrics>()));
        // Inside the resilience handler: sees every attempt.
        services.AddHttpClient<OnlinePriceSource>().AddHttpMessageHandler(() => new AttemptCountingHandler());
        return services;
    }

    private static void Configure(HttpStandardResilienceOptions resilience, PriceSourceOptions source, ILogger logger, MarketContextMetrics metrics)
    {
        var attemptTimeout = TimeSpan.FromSeconds(Math.Max(0.05, source.TimeoutSeconds));
        var retries = Math.Max(0, source.Retries);
        resilience.AttemptTimeout.Timeout = attemptTimeout;
        // The whole download: every attempt, and room for the waits between them (Retry-After included).
        resilience.TotalRequestTimeout.Timeout = attemptTimeout * (retries + 1) + TimeSpan.FromSeconds(60);

        resilience.Retry.MaxRetryAttempts = Math.Max(1, retries);
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(retries > 0 && IsFailure(args.Outcome, countUnreachable: false));
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = TimeSpan.FromMilliseconds(Math.Max(0, source.RetryDelayMilliseconds));
        resilience.Retry.ShouldRetryAfterHeader = true;
        resilience.Retry.OnRetry = args =>
        {
            logger.LogInformation("Price source: {Problem}; attempt {Attempt} of {Attempts} in {Delay} ms.",
                Describe(args.Outcome), args.AttemptNumber + 2, retries + 1, Math.Round(args.RetryDelay.TotalMilliseconds));
            return ValueTask.CompletedTask;
        };

        resilience.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome, countUnreachable: true));
        resilience.CircuitBreaker.FailureRatio = 0.5;
        resilience.CircuitBreaker.MinimumThroughput = Math.Max(2, source.CircuitBreakerMinimumThroughput);
        resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(Math.Max(0.5, source.CircuitBreakerSeconds));
        var sampling = TimeSpan.FromSeconds(30);
        resilience.CircuitBreaker.SamplingDuration = sampling > 2 * attemptTimeout ? sampling : 2 * attemptTimeout;
        resilience.CircuitBreaker.OnClosed = _ =>
        {
            metrics.CircuitState(0);
            return ValueTask.CompletedTask;
        };
        resilience.CircuitBreaker.OnHalfOpened = _ =>
        {
            metrics.CircuitState(1);
            return ValueTask.CompletedTask;
        };
        resilience.CircuitBreaker.OnOpened = args =>
        {
            metrics.CircuitState(2);
            logger.LogWarning("Price source: not asked for {Seconds} s after repeated failures; last: {Problem}.",
                args.BreakDuration.TotalSeconds, Describe(args.Outcome));
            return ValueTask.CompletedTask;
        };
    }

    /// <summary>A 5xx or 429 answer, a timeout or a failed connection; an unreachable machine is not retried (it is offline).</summary>
    private static bool IsFailure(Outcome<HttpResponseMessage> outcome, bool countUnreachable) => outcome switch
    {
        { Exception: HttpRequestException e } => countUnreachable || !IsUnreachable(e),
        { Exception: Polly.Timeout.TimeoutRejectedException } => true,
        { Result: { } response } => IsServerTrouble(response.StatusCode),
        _ => false,
    };

    internal static bool IsServerTrouble(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    internal static bool IsUnreachable(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
        || e.InnerException is SocketException;

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: Polly.Timeout.TimeoutRejectedException } => "no answer in time",
        { Exception: { } e } => $"the connection failed ({e.Message})",
        { Result: { } response } => $"the source answered {(int)response.StatusCode} {response.ReasonPhrase}",
        _ => "no answer",
    };

    private sealed class AttemptCountingHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Options.TryGetValue(AttemptsKey, out var attempts))
            {
                Interlocked.Increment(ref attempts.Value);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
