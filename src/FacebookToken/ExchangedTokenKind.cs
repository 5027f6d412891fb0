using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Diagnostics;

namespace FacebookToken;

/// <summary>A code exchange that gave no <c>expires_in</c>: ask debug_token, as the app, how long the token lives.</summary>
internal static class ExchangedTokenKind
{
    public static async Task<FacebookAccessToken> SettleAsync(
        FacebookOAuthClient client,
        FacebookAccessToken token,
        string appId,
        SecureString appSecret,
        Func<DateTimeOffset> clock,
        IFacebookLog log,
        CancellationToken cancellationToken)
    {
        FacebookTokenInfo info;
        try
        {
            info = await client.DebugTokenAsync(token.AccessToken, appId, appSecret, cancellationToken).ConfigureAwait(false);
        }
        catch (FacebookException ex)
        {
            // The code is spent and the token good; only its lifetime is unknown. Keep the token rather than fail the login.
            log.Verbose("Facebook gave no expires_in and debug_token could not say either (" + ex.Kind + "); keeping " + token.Kind + " with no expiry.");
            return token;
        }

        if (!info.IsValid || (info.AppId != null && info.AppId != appId))
        {
            // The cmdlet's own check warns about it; nothing here is worth trusting.
            return token;
        }

        if (string.Equals(info.Type, "SYSTEM_USER", StringComparison.OrdinalIgnoreCase))
        {
            // An Embedded Signup / Facebook Login for Business code gives a business integration system-user token.
            token.Kind = FacebookTokenKind.SystemUser;
        }
        else if (string.Equals(info.Type, "USER", StringComparison.OrdinalIgnoreCase))
        {
            token.Kind = TokenLifetime.FromExpiry(info.ExpiresOn, clock());
        }
        else
        {
            return token;
        }

        token.ExpiresOn = info.ExpiresOn;
        token.DataAccessExpiresOn = info.DataAccessExpiresOn;
        token.UserId = info.UserId;
        token.Scopes = info.Scopes;
        token.GranularScopes = info.GranularScopes;
        token.Inspected = true;
        log.Verbose("Facebook gave no expires_in; debug_token says the token is " + token.Kind + (info.ExpiresOn is null ? " and never expires." : "."));
        return token;
    }
}
