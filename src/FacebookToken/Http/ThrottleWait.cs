using System;

namespace FacebookToken;

/// <summary>How long to wait before the next try, honouring the wait a business-use-case throttle names.</summary>
internal static class ThrottleWait
{
    /// <summary>The regain-access estimate when Facebook gave one (uncapped: a shorter wait would only be refused again), else the policy's back-off.</summary>
    public static TimeSpan Delay(RetryPolicy policy, int attemptJustFailed, FacebookException failure) =>
        failure is FacebookApiException { RegainAccessAfter: TimeSpan regain }
            ? regain
            : policy.GetDelay(attemptJustFailed, failure.RetryAfter);

    /// <summary>The error to report when the wait does not fit in -TimeoutSec: a throttle with a named wait says how long.</summary>
    public static FacebookException BeyondBudget(FacebookException failure, TimeSpan budget) =>
        failure is FacebookApiException { RegainAccessAfter: TimeSpan regain } api
            ? ApiErrorAdvice.WaitBeyondBudget(api, regain, budget)
            : failure;
}
