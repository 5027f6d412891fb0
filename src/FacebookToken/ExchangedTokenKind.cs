using System;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Diagnostics;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>
/// A code exchange that gave no <c>expires_in</c>, or any code exchanged without a redirect: ask debug_token, as the app,
/// what kind of token it is and how long it lives (a 60-day Embedded Signup business token is SystemUser, not a user token).
/// </summary>
internal static class ExchangedTokenKind
{
    public static async Task<FacebookAccessToken> SettleAsync(
        FacebookOAuthClient client,
        FacebookAccessToken token,
        string appId,
        CheckedSecret appSecret,
        Func<DateTimeOffset> clock,
        IFacebookLog log,
        CancellationToken cancellationToken)
    {
        FacebookTokenInfo info;
        try
        {
            info = await client.DebugTokenAsync(token.Checked(), appId, appSecret, cancellationToken).ConfigureAwait(false);
        }
        catch (FacebookException ex)
        {
            // The code is spent and the token good; only its lifetime is unknown. Keep the token rather than fail the login.
            log.Verbose("debug_token could not say what the exchanged token is (" + ex.Kind + "); keeping " + token.Kind + (token.ExpiresOn is null ? " with no expiry." : " with the answer's expires_in."));
            return token;
        }

        if (!info.IsValid || (info.AppId != null && info.AppId != appId))
        {
            // The cmdlet's own check warns about it; nothing here is worth trusting.
            return token;
        }

        FacebookTokenKind kind = TokenLifetime.FromDebugTokenType(info.Type, info.ExpiresOn, clock());
        if (kind is not (FacebookTokenKind.SystemUser or FacebookTokenKind.ShortLivedUser or FacebookTokenKind.LongLivedUser))
        {
            return token;
        }

        // A SYSTEM_USER answer to a code: an Embedded Signup / Facebook Login for Business business integration token.
        token.Kind = kind;
        token.ExpiresOn = info.ExpiresOn;
        token.DataAccessExpiresOn = info.DataAccessExpiresOn;
        token.UserId = info.UserId;
        token.Scopes = info.Scopes;
        token.GranularScopes = info.GranularScopes;
        token.Inspected = true;
        log.Verbose("debug_token says the exchanged token is " + token.Kind + (info.ExpiresOn is null ? " and never expires." : "."));
        return token;
    }
}
