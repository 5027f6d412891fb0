using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Cache;
using FacebookToken.Diagnostics;
using FacebookToken.Secrets;

namespace FacebookToken.Workflows;

/// <summary>
/// Revoke-by-kind, what Revoke-FacebookToken does with one token: learn its kind (debug_token when unknown), end it at
/// Facebook the way its kind allows (a system-user token by oauth/revoke with the app credentials, a user token by removing
/// the app's grant), then remove the cache entries holding it. A token Facebook already refuses is reported, not an error.
/// </summary>
internal sealed class TokenRevocationWorkflow
{
    private readonly FacebookEndpoint _endpoint;
    private readonly IFacebookLog _log;

    public TokenRevocationWorkflow(FacebookEndpoint endpoint, IFacebookLog log)
    {
        _endpoint = endpoint;
        _log = log;
    }

    /// <summary>
    /// What revoking <paramref name="token"/> means (its kind, the call, the confirmation text), or that Facebook already
    /// refuses it. Throws when its kind cannot be revoked or the app credentials it needs are missing.
    /// </summary>
    public async Task<TokenRevocation> PrepareAsync(FacebookAccessToken token, string? appId, CheckedSecret? appSecret, CancellationToken cancellationToken)
    {
        var revocation = new TokenRevocation(token, appId ?? token.AppId, appSecret);
        FacebookTokenKind kind = token.Kind;
        if (kind == FacebookTokenKind.Unknown)
        {
            FacebookTokenInfo info;
            try
            {
                info = await new FacebookOAuthClient(_endpoint, _log).DebugTokenAsync(token.Checked(), revocation.AppId, appSecret, cancellationToken).ConfigureAwait(false);
            }
            catch (FacebookApiException ex) when (IsRefusal(ex))
            {
                revocation.SetAlreadyInvalid(ex.FacebookMessage ?? ex.Message);
                return revocation;
            }

            if (!info.IsValid)
            {
                revocation.SetAlreadyInvalid(info.Error?.ToString() ?? "debug_token says it is not valid");
                return revocation;
            }

            kind = TokenLifetime.FromDebugTokenType(info.Type, info.ExpiresOn, DateTimeOffset.UtcNow);
        }

        revocation.Kind = kind;
        switch (kind)
        {
            case FacebookTokenKind.SystemUser:
                if (appSecret is null)
                {
                    throw new FacebookInputException("AppCredentialsRequired", "Credential", "Revoking the system-user token " + revocation.Target + " needs the app credentials: pass -Credential (app id as user name, app secret as password) or -AppId with -AppSecret.");
                }

                revocation.Action = "Revoke token at Facebook (oauth/revoke)";
                break;
            case FacebookTokenKind.ShortLivedUser:
            case FacebookTokenKind.LongLivedUser:
                revocation.Action = "Revoke token at Facebook (DELETE /me/permissions: removes the app's whole grant for this user)";
                break;
            default:
                throw new FacebookInputException("TokenNotRevocable", "AccessToken", "The token " + revocation.Target + " is a " + kind + " token, which Revoke-FacebookToken cannot revoke: an app token ends when the app secret is reset, a page token when the user's token or grant ends. Remove-FacebookToken removes a cached one.");
        }

        return revocation;
    }

    /// <summary>
    /// Ends the token at Facebook (unless it is already invalid) and removes the cache entries holding it from
    /// <paramref name="cache"/> when given: the named one, or for a token with no name any entry with the same token.
    /// </summary>
    public async Task<TokenRevocation> RevokeAsync(TokenRevocation revocation, ITokenStore? cache, CancellationToken cancellationToken)
    {
        if (revocation.AlreadyInvalid is null)
        {
            try
            {
                var client = new SystemUserTokenClient(_endpoint, _log);
                if (revocation.Kind == FacebookTokenKind.SystemUser)
                {
                    await client.RevokeSystemUserTokenAsync(revocation.AppId ?? string.Empty, revocation.AppSecret!, revocation.Token.Checked(), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await client.RevokeUserGrantAsync(revocation.Token.Checked(), revocation.AppSecret, cancellationToken).ConfigureAwait(false);
                }

                _log.Verbose("Revoked " + revocation.Target + " at Facebook.");
            }
            catch (FacebookApiException ex) when (IsRefusal(ex))
            {
                revocation.SetAlreadyInvalid(ex.FacebookMessage ?? ex.Message);
            }
        }

        if (cache != null)
        {
            revocation.RemovedNames = RemoveCached(revocation.Token, cache);
        }

        return revocation;
    }

    /// <summary>Facebook refuses the token itself (code 190): nothing is left to revoke.</summary>
    private static bool IsRefusal(FacebookApiException ex) =>
        ex.Kind is FacebookErrorKind.TokenExpired or FacebookErrorKind.TokenRevoked or FacebookErrorKind.InvalidToken;

    private IReadOnlyList<string> RemoveCached(FacebookAccessToken token, ITokenStore cache)
    {
        string[] names = token.Name is not null
            ? new[] { token.Name }
            : cache.Read(null).Where(t => t.AccessToken.SecureEquals(token.AccessToken)).Select(t => t.Name!).ToArray();
        if (names.Length == 0)
        {
            return Array.Empty<string>();
        }

        IReadOnlyList<string> removed = cache.Remove(names);
        foreach (string name in removed)
        {
            _log.Verbose("Removed the cached token '" + name + "' from " + cache.Info + ".");
        }

        return removed;
    }
}
