using System;

namespace FacebookToken;

/// <summary>Which failures are worth another try, and how long to wait before it.</summary>
/// <remarks>At most <see cref="MaxAttempts"/> tries; the caller keeps every try and wait within -TimeoutSec.</remarks>
internal sealed class RetryPolicy
{
    private static readonly object s_lock = new();
    private static readonly Random s_random = new();

    public static readonly RetryPolicy Default = new(3, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), null);

    private readonly Func<double> _jitter;

    /// <param name="jitter">A source of values in [0, 1); tests pass a fixed one.</param>
    internal RetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, Func<double>? jitter)
    {
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        _jitter = jitter ?? NextRandom;
    }

    public int MaxAttempts { get; }

    /// <summary>The same delays with at most <paramref name="maxRetries"/> retries (-MaximumRetryCount; 0: one try only).</summary>
    public RetryPolicy WithMaxRetries(int maxRetries) => new(maxRetries + 1, BaseDelay, MaxDelay, _jitter);

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>By what the error means (<see cref="GraphErrorTable.IsTransient"/>), not by the HTTP status it came with.</summary>
    public static bool IsTransientApiError(FacebookApiException ex) =>
        GraphErrorTable.IsTransient(ex.Code, ex.Kind, ex.IsTransientFlag, ex.HttpStatus);

    public bool ShouldRetry(FacebookException ex, RetryMode mode)
    {
        if (!ex.IsTransient)
        {
            return false;
        }

        if (mode == RetryMode.Idempotent)
        {
            return true;
        }

        if (mode == RetryMode.NotAfterSending)
        {
            return (ex is FacebookConnectionException sent && sent.BeforeSending)
                || (ex is FacebookApiException rejected && GraphErrorTable.RejectsCall(rejected.Code));
        }

        return (ex is FacebookConnectionException c && c.BeforeSending)
            || (ex is FacebookApiException a && a.Kind == FacebookErrorKind.RateLimited)

            // Facebook said is_transient: one more try; if the first consumed the code, the second says so (36009).
            || (ex is FacebookApiException t && t.IsTransientFlag && t.Attempts == 1);
    }

    /// <summary>Exponential back-off with jitter: base * 2^(attempt-1), scaled by 0.5..1.0; Retry-After wins when given.</summary>
    public TimeSpan GetDelay(int attemptJustFailed, TimeSpan? retryAfter)
    {
        if (retryAfter.HasValue && retryAfter.Value > TimeSpan.Zero)
        {
            return retryAfter.Value < MaxDelay ? retryAfter.Value : MaxDelay;
        }

        double exp = BaseDelay.TotalMilliseconds * Math.Pow(2, attemptJustFailed - 1);
        double ms = Math.Min(exp, MaxDelay.TotalMilliseconds) * (0.5 + (0.5 * _jitter()));
        return TimeSpan.FromMilliseconds(ms);
    }

    private static double NextRandom()
    {
        lock (s_lock)
        {
            return s_random.NextDouble();
        }
    }
}
