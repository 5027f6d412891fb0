using System.Management.Automation;
using System.Security;

namespace FacebookToken.Module;

/// <summary>Base of the cmdlets that act as the app: -AppId with -AppSecret, or -Credential, declared once (overridable).</summary>
public abstract class FacebookAppCmdlet : FacebookGraphCmdlet
{
    protected const string AppSecretSet = "AppSecret";
    protected const string CredentialSet = "Credential";

    /// <summary>The app id; taken from a piped request, code or token by property name.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AppSecretSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = CredentialSet, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public virtual string? AppId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AppSecretSet)]
    public virtual SecureString? AppSecret { get; set; }

    /// <summary>User name = app id, password = app secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public virtual PSCredential? Credential { get; set; }

    /// <summary>The app id and secret from whichever set was used; refuses an -AppId that contradicts -Credential.</summary>
    protected (string AppId, SecureString Secret) ResolveApp() => AppCredentials.Resolve(AppId, AppSecret, Credential);

    /// <summary>What an error about this call should point at: the app id, never a secret.</summary>
    protected string? AppTarget => AppId ?? Credential?.UserName;

    /// <summary>
    /// Asks debug_token, as the app, what was granted: fills UserId, the granted Scopes and DataAccessExpiresOn, and checks
    /// the token is valid and belongs to this app. The redirect names the granted permissions only when the dialog was
    /// asked for granted_scopes, and a user may decline some of those requested, so debug_token is the truth.
    /// A failure here is a warning; the token is still returned.
    /// </summary>
    internal void InspectNewToken(FacebookEndpoint endpoint, string appId, SecureString secret, FacebookAccessToken token)
    {
        if (token.Inspected)
        {
            // The exchange already asked debug_token as the app (no expires_in) and checked the app id.
            return;
        }

        WriteVerbose("Checking the new token with debug_token.");
        try
        {
            FacebookTokenInfo info = Run((log, ct) => new FacebookOAuthClient(endpoint, log).DebugTokenAsync(token.AccessToken, appId, secret, ct));
            if (!info.IsValid || (info.AppId != null && info.AppId != appId))
            {
                WriteWarning("debug_token says the new token is " + (info.IsValid ? "for app " + info.AppId + ", not " + appId : "not valid" + (info.Error is null ? string.Empty : ": " + info.Error)) + ". Do not use it.");
                return;
            }

            token.UserId = info.UserId;
            token.Scopes = info.Scopes;
            token.GranularScopes = info.GranularScopes;
            token.DataAccessExpiresOn = info.DataAccessExpiresOn;
            token.ExpiresOn ??= info.ExpiresOn;
        }
        catch (FacebookException ex)
        {
            WriteWarning("Could not check the new token with debug_token (" + ex.Message + "). It is returned unchecked; Get-FacebookTokenInfo can check it later.");
        }
    }
}
