using System;
using System.Management.Automation;
using System.Security;
using FacebookToken.Cache;
using FacebookToken.Workflows;
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
public sealed class RevokeFacebookTokenCommand : FacebookGraphTokenCmdlet
{
    private ITokenStore? _cache;
    private bool _cacheUnavailable;

    /// <summary>Revoke at Facebook but keep the cache entry.</summary>
    [Parameter]
    public SwitchParameter KeepCached { get; set; }

    protected override void ProcessRecord()
    {
        if (TryResolveCall(out FacebookEndpoint endpoint, out string? appId, out CheckedSecret? secret))
        {
            ForEachToken(token => Revoke(token, appId, secret, endpoint));
        }
    }

    private void Revoke(FacebookAccessToken token, string? appId, CheckedSecret? secret, FacebookEndpoint endpoint)
    {
        TokenRevocation revocation = Run((log, ct) => new TokenRevocationWorkflow(endpoint, log).PrepareAsync(token, appId, secret, ct));
        bool confirmed = revocation.AlreadyInvalid is null
            ? ShouldProcess(revocation.Target + " (" + revocation.Kind + ")", revocation.Action)
            : Warn(revocation) && ShouldProcess(revocation.Target, "Remove cached token");
        if (!confirmed)
        {
            return;
        }

        bool alreadyInvalid = revocation.AlreadyInvalid != null;
        ITokenStore? cache = CacheFor(token);
        revocation = Run((log, ct) => new TokenRevocationWorkflow(endpoint, log).RevokeAsync(revocation, cache, ct));
        if (!alreadyInvalid && revocation.AlreadyInvalid != null)
        {
            Warn(revocation);
        }
    }

    private bool Warn(TokenRevocation revocation)
    {
        WriteWarning("The token " + revocation.Target + " is already invalid at Facebook (" + revocation.AlreadyInvalid + "); nothing to revoke.");
        return true;
    }

    /// <summary>
    /// The cache to remove the token from: none with -KeepCached; for a piped token (which may never have been cached) none
    /// when the cache cannot be opened.
    /// </summary>
    private ITokenStore? CacheFor(FacebookAccessToken token)
    {
        if (KeepCached || (token.Name is null && _cacheUnavailable))
        {
            return null;
        }

        try
        {
            return _cache ??= OpenCache();
        }
        catch (FacebookException ex) when (token.Name is null)
        {
            _cacheUnavailable = true;
            WriteVerbose("Did not look for the token in the cache: " + ex.Message);
            return null;
        }
    }
}
