using System;
using System.Management.Automation;
using System.Security;

namespace FacebookToken.Module.Commands;

/// <summary>Asks Facebook's debug_token what a token is, whose, with which permissions, and until when.</summary>
[Cmdlet(VerbsCommon.Get, "FacebookTokenInfo", DefaultParameterSetName = AppSecretSet)]
[OutputType(typeof(FacebookTokenInfo))]
public sealed class GetFacebookTokenInfoCommand : FacebookGraphCmdlet
{
    private const string AppSecretSet = "AppSecret";
    private const string CredentialSet = "Credential";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SecureStringTransformation("AccessToken")]
    public SecureString? AccessToken { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? AppId { get; set; }

    [Parameter(ParameterSetName = AppSecretSet)]
    public SecureString? AppSecret { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    protected override void ProcessRecord()
    {
        SecureString token = AccessToken ?? new SecureString();
        try
        {
            SecureString? inspector = null;
            string? appId = string.IsNullOrEmpty(AppId) ? null : AppId;
            if (AppSecret != null || Credential != null)
            {
                (string id, SecureString secret) = AppCredentials.Resolve(appId, AppSecret, Credential);
                appId = id;
                inspector = FacebookOAuthClient.AppTokenLiteral(id, secret);
            }

            FacebookTokenInfo info = Run((log, ct) => CreateClient(log).DebugTokenAsync(token, inspector, ct));
            if (appId != null && info.AppId != null && info.AppId != appId)
            {
                WriteWarning("The token belongs to app " + info.AppId + ", not to app " + appId + ". Do not accept it as a token for your app.");
            }

            if (!info.IsValid)
            {
                WriteVerbose("Facebook says the token is not valid" + (info.Error is null ? "." : ": " + info.Error + "."));
            }

            WriteObject(info);
        }
        catch (Exception ex) when (ex is FacebookException || ex is FacebookInputException)
        {
            WriteFacebookError(ex, FacebookToken.Secrets.SecretMask.MaskToken(FacebookToken.Secrets.SecureStringExtensions.ToPlainText(token)));
        }
    }
}
