using System;
using System.Globalization;

namespace FacebookToken;

/// <summary>What Update-FacebookToken should do with one cached token, decided from its kind and time left.</summary>
/// <remarks>
/// Only what Facebook lets an app renew without a person is renewed: a 60-day system-user token (Meta's refresh call)
/// and a short-lived user token still valid (fb_exchange_token gives a long-lived one). A long-lived user token is
/// extended only by a new login.
/// </remarks>
internal sealed class TokenRenewalPlan
{
    private TokenRenewalPlan(FacebookTokenRenewalAction? outcome, string reason)
    {
        Outcome = outcome;
        Reason = reason;
    }

    /// <summary>The result without calling Facebook; null when the token is to be renewed.</summary>
    public FacebookTokenRenewalAction? Outcome { get; }

    public bool Renew => Outcome is null;

    public string Reason { get; }

    /// <summary>A finished result decided elsewhere (debug_token's answer for a token cached without an expiry).</summary>
    internal static TokenRenewalPlan Finished(FacebookTokenRenewalAction outcome, string reason) => new(outcome, reason);

    public static TokenRenewalPlan Decide(FacebookAccessToken token, TimeSpan minimumValidity, DateTimeOffset now)
    {
        if (token.ExpiresOn is not { } expiresOn)
        {
            return new TokenRenewalPlan(
                FacebookTokenRenewalAction.StillValid,
                token.Kind is FacebookTokenKind.Unknown or FacebookTokenKind.ShortLivedUser or FacebookTokenKind.LongLivedUser
                    ? "No expiry is known for this token; Test-FacebookToken or Get-FacebookTokenInfo asks Facebook."
                    : "Never expires.");
        }

        TimeSpan left = expiresOn - now;
        if (left >= minimumValidity)
        {
            return new TokenRenewalPlan(FacebookTokenRenewalAction.StillValid, string.Format(CultureInfo.InvariantCulture, "{0} left, at least the {1} asked.", Show(left), Show(minimumValidity)));
        }

        string name = token.Name ?? "<name>";
        switch (token.Kind)
        {
            case FacebookTokenKind.SystemUser:
                return new TokenRenewalPlan(null, left > TimeSpan.Zero ? Show(left) + " left." : "Expired " + expiresOn.ToString("u", CultureInfo.InvariantCulture) + ".");
            case FacebookTokenKind.ShortLivedUser when left > TimeSpan.Zero:
                return new TokenRenewalPlan(null, Show(left) + " left; a short-lived user token can be exchanged for a long-lived one.");
            default:
                return new TokenRenewalPlan(
                    FacebookTokenRenewalAction.NeedsLogin,
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "{0} {1}; a {2} token is extended only by a new login: run Invoke-FacebookLogin -CacheName '{3}' (with your -AppId, -RedirectUri and -Scope).",
                        left > TimeSpan.Zero ? Show(left) + " left, less than the " + Show(minimumValidity) + " asked" : "Expired",
                        left > TimeSpan.Zero ? string.Empty : expiresOn.ToString("u", CultureInfo.InvariantCulture),
                        token.Kind,
                        name.Replace("'", "''")).Replace(" ;", ";"));
        }
    }

    internal static string Show(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalDays >= 1
            ? string.Format(CultureInfo.InvariantCulture, "{0:0.#} days", span.TotalDays)
            : string.Format(CultureInfo.InvariantCulture, "{0:0.#} hours", span.TotalHours);
    }
}
