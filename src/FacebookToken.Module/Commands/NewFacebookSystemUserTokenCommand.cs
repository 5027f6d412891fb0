using System.Management.Automation;
using System.Security;
using FacebookToken.Workflows;
using FacebookToken.Secrets;

namespace FacebookToken.Module.Commands;

/// <summary>
/// Generates a system user's token (POST /{system-user-id}/access_tokens with appsecret_proof), optionally installing the
/// app for the system user first, and optionally saves it in the token cache.
/// </summary>
[Cmdlet(VerbsCommon.New, "FacebookSystemUserToken", DefaultParameterSetName = AppSecretSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FacebookAccessToken))]
public sealed class NewFacebookSystemUserTokenCommand : FacebookAppCmdlet, IDynamicParameters
{
    /// <summary>The system user's id (Business Settings > Users > System users).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? SystemUserId { get; set; }

    /// <summary>The token of an admin, an admin system user or a system user of the same business.</summary>
    [Parameter(Mandatory = true)]
    [SecureStringTransformation("AccessToken")]
    public SecureString? AccessToken { get; set; }

    /// <summary>The permissions of the new token.</summary>
    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Scope { get; set; }

    /// <summary>A token that expires in 60 days (Meta's suggested kind; renew it with Update-FacebookToken) instead of never.</summary>
    [Parameter]
    public SwitchParameter ExpiresIn60Days { get; set; }

    /// <summary>First install the app for the system user (POST /{system-user-id}/applications).</summary>
    [Parameter]
    public SwitchParameter InstallApp { get; set; }

    /// <summary>Also save the new token in the token cache under this name (replacing one of that name).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(CachedNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? CacheName { get; set; }

    /// <summary>With -CacheName: the cache parameters.</summary>
    internal CacheParameterGroup Cache { get; } = new();

    public object GetDynamicParameters() => Cache.Define();

    protected override void ProcessRecord()
    {
        try
        {
            (string appId, CheckedSecret secret) = ResolveApp();
            CheckedSecret adminToken = CheckedSecret.AccessToken(AccessToken);
            FacebookEndpoint endpoint = CreateEndpoint();
            TokenSaveTarget? saveTo = CacheNameTarget.Open(this, CacheName, Cache);

            string lifetime = ExpiresIn60Days ? "60-day" : "never-expiring";
            if (!ShouldProcess("system user " + SystemUserId, (InstallApp ? "Install app " + appId + " and generate" : "Generate") + " a " + lifetime + " token for app " + appId))
            {
                return;
            }

            WriteObject(Run((log, ct) => new NewTokenWorkflow(endpoint, log).CreateSystemUserTokenAsync(SystemUserId!, appId, secret, adminToken, Scope ?? new string[0], ExpiresIn60Days, InstallApp, saveTo, ct)));
        }
        catch (FacebookCacheException ex) when (ex.UnsavedToken != null)
        {
            // Made at Facebook but not saved: the token goes to the pipeline with the error, so nothing is lost.
            WriteObject(ex.UnsavedToken);
            WriteFacebookError(ex, SystemUserId);
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, SystemUserId);
        }
    }
}
