using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Cache;
using FacebookToken.Diagnostics;
using FacebookToken.Secrets;

namespace FacebookToken.Workflows;

/// <summary>
/// Renew-verify-save, what Update-FacebookToken does with one cached token: decide from its kind and time left
/// (<see cref="TokenRenewalPlan"/>), then renew where Facebook lets an app, check the new token with debug_token, and
/// replace the cached one in one atomic write, only if the store still holds the token that was renewed (else the result is
/// Conflict and the newer entry stays). A failed renewal leaves the cached token in place.
/// </summary>
internal sealed class TokenRenewalWorkflow
{
    private readonly FacebookEndpoint _endpoint;
    private readonly IFacebookLog _log;
    private readonly ITokenStore _cache;

    public TokenRenewalWorkflow(FacebookEndpoint endpoint, ITokenStore cache, IFacebookLog log)
    {
        _endpoint = endpoint;
        _cache = cache;
        _log = log;
    }

    /// <summary>
    /// What to do without calling Facebook: a finished result (StillValid, NeedsLogin) or null when the token is to be
    /// renewed. Throws when the token cannot be renewed with this app.
    /// </summary>
    public static TokenRenewalPlan Plan(FacebookAccessToken token, string appId, TimeSpan minimumValidity, DateTimeOffset now)
    {
        TokenRenewalPlan plan = TokenRenewalPlan.Decide(token, minimumValidity, now);
        if (plan.Renew && token.AppId != null && token.AppId != appId)
        {
            throw new FacebookInputException("TokenOfOtherApp", "AppId", "The cached token '" + token.Name + "' belongs to app " + token.AppId + ", not " + appId + ": renew it with that app's credentials.");
        }

        return plan;
    }

    /// <summary>
    /// As <see cref="Plan"/>, but a token cached without an expiry is never called StillValid unasked: debug_token, as the
    /// app, says whether it is valid and when it expires (expires_at 0: never), and the plan is made from that. A 60-day
    /// business token saved without its expiry is then renewed like any other; an invalid one needs a new login.
    /// </summary>
    public async Task<TokenRenewalPlan> PlanAsync(FacebookAccessToken token, string appId, CheckedSecret appSecret, TimeSpan minimumValidity, CancellationToken cancellationToken)
    {
        if (token.ExpiresOn is not null)
        {
            return Plan(token, appId, minimumValidity, DateTimeOffset.UtcNow);
        }

        _log.Verbose("'" + token.Name + "' was cached without an expiry: asking debug_token.");
        FacebookTokenInfo info = await new FacebookOAuthClient(_endpoint, _log).DebugTokenAsync(token.Checked(), appId, appSecret, cancellationToken).ConfigureAwait(false);
        if (!info.IsValid)
        {
            return TokenRenewalPlan.Finished(
                FacebookTokenRenewalAction.NeedsLogin,
                "debug_token says the token is not valid" + (info.Error is null ? string.Empty : " (" + info.Error + ")") + ": it cannot be renewed; sign in again (Invoke-FacebookLogin -CacheName '" + (token.Name ?? "<name>").Replace("'", "''") + "') or mint a new system-user token.");
        }

        if (info.AppId != null && info.AppId != appId)
        {
            throw new FacebookInputException("TokenOfOtherApp", "AppId", "The cached token '" + token.Name + "' belongs to app " + info.AppId + " (debug_token), not " + appId + ": renew it with that app's credentials.");
        }

        if (info.ExpiresOn is null)
        {
            return TokenRenewalPlan.Finished(FacebookTokenRenewalAction.StillValid, "Never expires (debug_token: expires_at 0).");
        }

        token.ExpiresOn = info.ExpiresOn;
        if (token.Kind == FacebookTokenKind.Unknown || string.Equals(info.Type, "SYSTEM_USER", StringComparison.OrdinalIgnoreCase))
        {
            token.Kind = TokenLifetime.FromDebugTokenType(info.Type, info.ExpiresOn, DateTimeOffset.UtcNow);
        }

        return Plan(token, appId, minimumValidity, DateTimeOffset.UtcNow);
    }

    /// <summary>Renews the token, verifies the new one and saves it under the token's name; the result is Renewed, or Conflict when the entry changed meanwhile.</summary>
    public async Task<FacebookTokenRenewal> RenewAsync(FacebookAccessToken token, string appId, CheckedSecret appSecret, CancellationToken cancellationToken)
    {
        string name = token.Name ?? throw new ArgumentException("Only a cached token is renewed.", nameof(token));
        FacebookAccessToken renewed = token.Kind == FacebookTokenKind.SystemUser
            ? await new SystemUserTokenClient(_endpoint, _log).RefreshAsync(appId, appSecret, token.Checked(), cancellationToken).ConfigureAwait(false)
            : await new FacebookOAuthClient(_endpoint, _log).ExchangeForLongLivedAsync(appId, appSecret, token.Checked(), cancellationToken).ConfigureAwait(false);

        // Verified before it replaces anything: the cached token stays until the new one is known to work.
        FacebookTokenInfo info = await new FacebookOAuthClient(_endpoint, _log).DebugTokenAsync(renewed.Checked(), appId, appSecret, cancellationToken).ConfigureAwait(false);
        if (!info.IsValid || (info.AppId != null && info.AppId != appId))
        {
            throw new FacebookResponseException(
                "Facebook gave a new token for '" + name + "', but debug_token says it is " + (info.IsValid ? "for app " + info.AppId : "not valid" + (info.Error is null ? string.Empty : " (" + info.Error + ")")) + ". The cached token was kept.",
                "debug_token",
                200,
                "application/json");
        }

        bool neverExpires = TokenLifetime.FromDebugTokenType(info.Type, info.ExpiresOn, DateTimeOffset.UtcNow) == FacebookTokenKind.SystemUser;
        renewed.ExpiresOn = info.ExpiresOn ?? (neverExpires ? null : renewed.ExpiresOn);
        renewed.DataAccessExpiresOn = info.DataAccessExpiresOn;
        renewed.UserId = info.UserId ?? token.UserId;
        renewed.Scopes = info.Scopes.Length > 0 ? info.Scopes : token.Scopes;
        if (!_cache.Replace(name, token.AccessToken, renewed))
        {
            // Another worker renewed, saved, revoked or removed it after it was read: the newer entry stays, and the
            // token minted here, which nobody then holds, is revoked where Facebook allows.
            FacebookAccessToken? current = _cache.Read(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)).FirstOrDefault();
            string conflict = await RenewalConflict.SettleAsync(
                name,
                _cache.Info,
                current,
                renewed,
                (minted, ct) => new SystemUserTokenClient(_endpoint, _log).RevokeSystemUserTokenAsync(appId, appSecret, minted, ct),
                cancellationToken).ConfigureAwait(false);
            _log.Warning(conflict);
            return new FacebookTokenRenewal(name, token.Kind, FacebookTokenRenewalAction.Conflict, token.ExpiresOn, current?.ExpiresOn, conflict);
        }

        string reason = "Renewed: " + SystemUserTokenClient.Describe(renewed.ExpiresOn) + " (was " + SystemUserTokenClient.Describe(token.ExpiresOn) + ").";
        _log.Verbose("'" + name + "': " + reason + " New token " + renewed.MaskedToken + " saved in " + _cache.Info + ".");
        return new FacebookTokenRenewal(name, renewed.Kind, FacebookTokenRenewalAction.Renewed, token.ExpiresOn, renewed.ExpiresOn, reason);
    }
}
