using System.Management.Automation;
using System.Security;
using FacebookToken.Secrets;

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
    internal (string AppId, CheckedSecret Secret) ResolveApp() => AppCredentials.Resolve(AppId, AppSecret, Credential);

    /// <summary>What an error about this call should point at: the app id, never a secret.</summary>
    protected string? AppTarget => AppId ?? Credential?.UserName;
}
