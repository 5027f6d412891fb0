using System.Management.Automation;
using System.Security;
using FacebookToken.Secrets;

namespace FacebookToken.Module.Commands;

/// <summary>Asks Facebook's debug_token what a token is, whose, with which permissions, and until when.</summary>
/// <remarks>
/// With -ThrottleLimit above 1, up to that many piped tokens are inspected at once; results still come out in input
/// order, and all messages are written on the pipeline thread.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "FacebookTokenInfo", DefaultParameterSetName = AppSecretSet)]
[OutputType(typeof(FacebookTokenInfo))]
public sealed class GetFacebookTokenInfoCommand : FacebookAppCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SecureStringTransformation("AccessToken")]
    public SecureString? AccessToken { get; set; }

    /// <summary>Optional here: without app credentials the token inspects itself.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public override string? AppId { get; set; }

    [Parameter(ParameterSetName = AppSecretSet)]
    public override SecureString? AppSecret { get; set; }

    /// <summary>How many piped tokens to inspect at once; 1 (the default) inspects one after another.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    protected override void ProcessRecord()
    {
        string mask = AccessToken.Inspect(SecretMask.MaskToken);
        CheckedSecret token;
        CheckedSecret? secret = null;
        string? appId = string.IsNullOrEmpty(AppId) ? null : AppId;
        FacebookEndpoint endpoint;
        try
        {
            endpoint = CreateEndpoint();
            token = CheckedSecret.AccessToken(AccessToken);
            if (AppSecret != null || Credential != null)
            {
                (appId, secret) = AppCredentials.Resolve(appId, AppSecret, Credential);
            }
        }
        catch (FacebookException ex)
        {
            // Earlier inputs come out first, so the error stays next to its input.
            WaitForOrdered();
            WriteFacebookError(ex, mask);
            return;
        }

        RunOrdered((log, ct) => new FacebookOAuthClient(endpoint, log).DebugTokenAsync(token, appId, secret, ct), ThrottleLimit, info => Write(info, mask, appId), mask);
    }

    protected override void EndProcessing() => WaitForOrdered();

    private void Write(FacebookTokenInfo info, string mask, string? appId)
    {
        if (appId != null && info.AppId != null && info.AppId != appId)
        {
            WriteWarning("The token " + mask + " belongs to app " + info.AppId + ", not to app " + appId + ". Do not accept it as a token for your app.");
        }

        if (!info.IsValid)
        {
            WriteVerbose("Facebook says the token " + mask + " is not valid" + (info.Error is null ? "." : ": " + info.Error + "."));
        }

        WriteObject(info);
    }
}
