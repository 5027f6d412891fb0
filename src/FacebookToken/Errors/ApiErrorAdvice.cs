using System.Globalization;

namespace FacebookToken;

/// <summary>Re-tells a Facebook error with advice that depends on what the module was doing, keeping every field Facebook sent.</summary>
internal static class ApiErrorAdvice
{
    /// <summary>A code exchange retried after <c>is_transient</c> found the code used: the first try may have redeemed it.</summary>
    public static FacebookApiException CodeConsumedByRetry(FacebookApiException ex) =>
        With(
            ex,
            ex.Kind,
            "The first attempt failed with a passing error (is_transient) and Facebook may have redeemed the code then, so the second attempt found it used. A code works once: sign in again with Invoke-FacebookLogin (or Get-FacebookAuthUrl and Receive-FacebookAuthCode) for a new code.");

    /// <summary>debug_token refused a token inspecting itself: only users with a role on the app may.</summary>
    public static FacebookApiException SelfInspectionRefused(FacebookApiException ex) =>
        With(
            ex,
            FacebookErrorKind.PermissionDenied,
            "Without app credentials the token inspected itself, which Facebook allows only for a user with a role on the app (administrator, developer, tester), and, when the app has Require App Secret on, only with an appsecret_proof. Pass -Credential (app id as user name, app secret as password) or -AppId and -AppSecret to inspect it as the app.");

    /// <summary>A throttle whose estimated wait does not fit in what is left of -TimeoutSec: end now and say how long.</summary>
    public static FacebookApiException WaitBeyondBudget(FacebookApiException ex, System.TimeSpan wait, System.TimeSpan budget) =>
        With(
            ex,
            ex.Kind,
            string.Format(
                CultureInfo.InvariantCulture,
                "Facebook estimates access returns in about {0} minute{1} (X-Business-Use-Case-Usage estimated_time_to_regain_access), longer than the {2} s -TimeoutSec allows. Wait that long, then run it again.",
                (int)System.Math.Ceiling(wait.TotalMinutes),
                wait.TotalMinutes > 1 ? "s" : string.Empty,
                budget.TotalSeconds));

    public static FacebookApiException With(FacebookApiException ex, FacebookErrorKind kind, string advice)
    {
        string message = string.Format(
            CultureInfo.InvariantCulture,
            "Facebook refused {0}: {1} (code {2}{3}{4}). {5}",
            ex.Endpoint,
            string.IsNullOrEmpty(ex.FacebookMessage) ? "(no message)" : ex.FacebookMessage!.TrimEnd('.') + ".",
            ex.Code?.ToString(CultureInfo.InvariantCulture) ?? "none",
            ex.Subcode.HasValue ? ", subcode " + ex.Subcode.Value.ToString(CultureInfo.InvariantCulture) : string.Empty,
            string.IsNullOrEmpty(ex.FbTraceId) ? string.Empty : ", fbtrace_id " + ex.FbTraceId,
            advice);
        return new FacebookApiException(message, kind, ex.Endpoint, ex.HttpStatus, ex.Code, ex.Subcode, ex.ErrorType, ex.FacebookMessage, ex.FbTraceId, ex.IsTransientFlag, ex.UserTitle, ex.UserMessage)
        {
            Attempts = ex.Attempts,
            RetryAfter = ex.RetryAfter,
            RegainAccessAfter = ex.RegainAccessAfter,
            Details = ex.Details,
            RecommendedAction = advice,
        };
    }
}
