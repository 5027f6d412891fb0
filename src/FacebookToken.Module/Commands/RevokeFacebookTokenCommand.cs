using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using FacebookToken.Cache;
using FacebookToken.Secrets;

namespace FacebookToken.Module.Commands;

/// <summary>
/// Ends a token at Facebook: a user token by removing the app's grant (DELETE /me/permissions), a system-user token by
/// Meta's revoke call (oauth/revoke, with the app credentials). Then removes the cached entry unless -KeepCached.
/// </summary>
/// <remarks>
/// A token Facebook already treats as invalid is reported with a warning and its cache entry is still removed. A piped
/// token whose kind is unknown (plain text or a SecureString) is first asked about with debug_token.
/// </remarks>
[Cmdlet(VerbsSecurity.Revoke, "FacebookToken", DefaultParameterSetName = TokenSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RevokeFacebookTokenCommand : FacebookTokenCmdlet
{
    private ITokenStore? _cache;
    private bool _cacheUnavailable;

    /// <summary>Revoke at Facebook but keep the cache entry.</summary>
    [Parameter]
    public SwitchParameter KeepCached { get; set; }

    protected override void ProcessRecord()
    {
        IReadOnlyList<FacebookAccessToken> tokens;
        (string? AppId, SecureString? Secret) app;
        FacebookEndpoint endpoint;
        try
        {
            app = ResolveOptionalApp();
            endpoint = CreateEndpoint();
            tokens = ResolveTokens();
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, Name ?? (object?)"AccessToken");
            return;
        }

        foreach (FacebookAccessToken token in tokens)
        {
            Revoke(token, app.AppId, app.Secret, endpoint);
        }
    }

    private void Revoke(FacebookAccessToken token, string? appId, SecureString? secret, FacebookEndpoint endpoint)
    {
        string target = (token.Name is null ? string.Empty : "'" + token.Name + "' ") + token.MaskedToken;
        try
        {
            FacebookTokenKind kind = token.Kind;
            if (kind == FacebookTokenKind.Unknown)
            {
                FacebookTokenInfo info = Run((log, ct) => new FacebookOAuthClient(endpoint, log).DebugTokenAsync(token.AccessToken, appId ?? token.AppId, secret, ct));
                if (!info.IsValid)
                {
                    AlreadyInvalid(token, target, info.Error?.ToString() ?? "debug_token says it is not valid");
                    return;
                }

                kind = info.Type switch
                {
                    "SYSTEM_USER" => FacebookTokenKind.SystemUser,
                    "USER" => FacebookTokenKind.LongLivedUser,
                    "PAGE" => FacebookTokenKind.Page,
                    "APP" => FacebookTokenKind.App,
                    _ => FacebookTokenKind.Unknown,
                };
            }

            switch (kind)
            {
                case FacebookTokenKind.SystemUser:
                    if (secret is null)
                    {
                        throw new FacebookInputException("AppCredentialsRequired", "Credential", "Revoking the system-user token " + target + " needs the app credentials: pass -Credential (app id as user name, app secret as password) or -AppId with -AppSecret.");
                    }

                    string systemAppId = appId ?? token.AppId ?? string.Empty;
                    if (!ShouldProcess(target + " (SystemUser)", "Revoke token at Facebook (oauth/revoke)"))
                    {
                        return;
                    }

                    Run(async (log, ct) =>
                    {
                        await new SystemUserTokenClient(endpoint, log).RevokeSystemUserTokenAsync(systemAppId, secret, token.AccessToken, ct).ConfigureAwait(false);
                        return true;
                    });
                    break;
                case FacebookTokenKind.ShortLivedUser:
                case FacebookTokenKind.LongLivedUser:
                    if (!ShouldProcess(target + " (" + kind + ")", "Revoke token at Facebook (DELETE /me/permissions: removes the app's whole grant for this user)"))
                    {
                        return;
                    }

                    Run(async (log, ct) =>
                    {
                        await new SystemUserTokenClient(endpoint, log).RevokeUserGrantAsync(token.AccessToken, secret, ct).ConfigureAwait(false);
                        return true;
                    });
                    break;
                default:
                    throw new FacebookInputException("TokenNotRevocable", "AccessToken", "The token " + target + " is a " + kind + " token, which Revoke-FacebookToken cannot revoke: an app token ends when the app secret is reset, a page token when the user's token or grant ends. Remove-FacebookToken removes a cached one.");
            }

            WriteVerbose("Revoked " + target + " at Facebook.");
            RemoveCached(token);
        }
        catch (FacebookApiException ex) when (ex.Kind is FacebookErrorKind.TokenExpired or FacebookErrorKind.TokenRevoked or FacebookErrorKind.InvalidToken)
        {
            AlreadyInvalid(token, target, ex.FacebookMessage ?? ex.Message);
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, token.Name ?? token.MaskedToken);
        }
    }

    private void AlreadyInvalid(FacebookAccessToken token, string target, string why)
    {
        WriteWarning("The token " + target + " is already invalid at Facebook (" + SecretMask.Scrub(why, token.AccessToken.ToPlainText()) + "); nothing to revoke.");
        if (ShouldProcess(target, "Remove cached token"))
        {
            RemoveCached(token);
        }
    }

    /// <summary>Removes the cache entries holding this token: the named one, or for a piped token any entry with the same token.</summary>
    private void RemoveCached(FacebookAccessToken token)
    {
        if (KeepCached)
        {
            return;
        }

        try
        {
            if (token.Name is null && _cacheUnavailable)
            {
                return;
            }

            _cache ??= OpenCache();
            string[] names = token.Name is not null
                ? new[] { token.Name }
                : RunSync(_ => _cache.Read(null)).Where(t => ConstantTime.EqualsOrdinal(t.AccessToken.ToPlainText(), token.AccessToken.ToPlainText())).Select(t => t.Name!).ToArray();
            if (names.Length == 0)
            {
                return;
            }

            IReadOnlyList<string> removed = RunSync(_ => _cache.Remove(names));
            foreach (string name in removed)
            {
                WriteVerbose("Removed the cached token '" + name + "' from " + _cache.Info + ".");
            }
        }
        catch (FacebookException ex) when (token.Name is null)
        {
            // A piped token may never have been cached: a cache that cannot be opened is no error here.
            _cacheUnavailable = true;
            WriteVerbose("Did not look for the token in the cache: " + ex.Message);
        }
    }
}
