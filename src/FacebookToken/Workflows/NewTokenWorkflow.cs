using System;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Cache;
using FacebookToken.Diagnostics;
using FacebookToken.Secrets;

namespace FacebookToken.Workflows;

/// <summary>
/// Mint-then-inspect: the workflows that make a new token (a finished login, a system user's token) and then ask
/// debug_token, as the app, what was granted, and save it under a name when one was given. One call per cmdlet.
/// </summary>
/// <remarks>
/// The redirect names the granted permissions only when the dialog was asked for granted_scopes, and a user may decline
/// some of those requested, so debug_token is the truth. A failed or contradicting inspection is a warning in the log; the
/// token is still returned (and saved).
/// </remarks>
internal sealed class NewTokenWorkflow
{
    private readonly FacebookEndpoint _endpoint;
    private readonly IFacebookLog _log;

    public NewTokenWorkflow(FacebookEndpoint endpoint, IFacebookLog log)
    {
        _endpoint = endpoint;
        _log = log;
    }

    /// <summary>The rest of a login once the code is in hand: the code exchange, the long-lived exchange unless <paramref name="shortLived"/>, the inspection and the save.</summary>
    public async Task<FacebookAccessToken> CompleteLoginAsync(string appId, CheckedSecret appSecret, FacebookAuthCode code, bool shortLived, TokenSaveTarget? saveTo, CancellationToken cancellationToken)
    {
        CheckedSecret codeText = code.CheckedCode();
        CheckedSecret? verifier = CheckedSecret.CodeVerifier(code.CodeVerifier);
        var client = new FacebookOAuthClient(_endpoint, _log);
        _log.Verbose("Step 2: exchanging the code for a short-lived token.");
        FacebookAccessToken token = await client.ExchangeCodeAsync(appId, appSecret, code.RedirectUri, codeText, verifier, cancellationToken).ConfigureAwait(false);
        token.Scopes = code.GrantedScopes;
        if (!shortLived)
        {
            _log.Verbose("Step 3: exchanging it for a long-lived token.");
            string[] scopes = token.Scopes;
            token = await client.ExchangeForLongLivedAsync(appId, appSecret, token.Checked(), cancellationToken).ConfigureAwait(false);
            token.Scopes = scopes;
        }

        return await InspectAndSaveAsync(appId, appSecret, token, saveTo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A code exchanged for a token, then inspected; <paramref name="grantedScopes"/> (the redirect's) are kept only if debug_token cannot say.</summary>
    public async Task<FacebookAccessToken> ExchangeCodeAsync(string appId, CheckedSecret appSecret, string? redirectUri, CheckedSecret code, CheckedSecret? codeVerifier, string[]? grantedScopes, CancellationToken cancellationToken)
    {
        FacebookAccessToken token = await new FacebookOAuthClient(_endpoint, _log).ExchangeCodeAsync(appId, appSecret, redirectUri, code, codeVerifier, cancellationToken).ConfigureAwait(false);
        if (grantedScopes != null && !token.Inspected)
        {
            token.Scopes = InputValidation.NormalizeScopes(grantedScopes);
        }

        return await InspectAndSaveAsync(appId, appSecret, token, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A system user's new token (the app installed for it first when asked), inspected and saved.</summary>
    public async Task<FacebookAccessToken> CreateSystemUserTokenAsync(
        string systemUserId,
        string appId,
        CheckedSecret appSecret,
        CheckedSecret adminToken,
        string[] scopes,
        bool expiresIn60Days,
        bool installApp,
        TokenSaveTarget? saveTo,
        CancellationToken cancellationToken)
    {
        var client = new SystemUserTokenClient(_endpoint, _log);
        if (installApp)
        {
            await client.InstallAppAsync(systemUserId, appId, appSecret, adminToken, cancellationToken).ConfigureAwait(false);
        }

        FacebookAccessToken token = await client.CreateTokenAsync(systemUserId, appId, appSecret, adminToken, scopes, expiresIn60Days, cancellationToken).ConfigureAwait(false);
        return await InspectAndSaveAsync(appId, appSecret, token, saveTo, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FacebookAccessToken> InspectAndSaveAsync(string appId, CheckedSecret appSecret, FacebookAccessToken token, TokenSaveTarget? saveTo, CancellationToken cancellationToken)
    {
        await InspectAsync(appId, appSecret, token, cancellationToken).ConfigureAwait(false);
        saveTo?.Save(token, _log);
        return token;
    }

    /// <summary>Fills UserId, the granted Scopes and DataAccessExpiresOn from debug_token, and checks the token is valid and this app's.</summary>
    private async Task InspectAsync(string appId, CheckedSecret appSecret, FacebookAccessToken token, CancellationToken cancellationToken)
    {
        if (token.Inspected)
        {
            // The exchange already asked debug_token as the app (no expires_in) and checked the app id.
            return;
        }

        _log.Verbose("Checking the new token with debug_token.");
        FacebookTokenInfo info;
        try
        {
            info = await new FacebookOAuthClient(_endpoint, _log).DebugTokenAsync(token.Checked(), appId, appSecret, cancellationToken).ConfigureAwait(false);
        }
        catch (FacebookException ex)
        {
            _log.Warning("Could not check the new token with debug_token (" + ex.Message + "). It is returned unchecked; Get-FacebookTokenInfo can check it later.");
            return;
        }

        if (!info.IsValid || (info.AppId != null && info.AppId != appId))
        {
            _log.Warning("debug_token says the new token is " + (info.IsValid ? "for app " + info.AppId + ", not " + appId : "not valid" + (info.Error is null ? string.Empty : ": " + info.Error)) + ". Do not use it.");
            return;
        }

        token.UserId = info.UserId;
        token.Scopes = info.Scopes;
        token.GranularScopes = info.GranularScopes;
        token.DataAccessExpiresOn = info.DataAccessExpiresOn;
        token.ExpiresOn ??= info.ExpiresOn;
    }
}
