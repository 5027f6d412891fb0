using System;
using System.Management.Automation;
using FacebookToken.Secrets;

namespace FacebookToken.Module.Commands;

/// <summary>
/// Makes the <c>appsecret_proof</c> (with its <c>appsecret_time</c>) for a token, for Graph calls of your own to an app
/// with "Require App Secret" on. Nothing is sent to Facebook.
/// </summary>
[Cmdlet(VerbsCommon.Get, "FacebookAppSecretProof", DefaultParameterSetName = TokenSet)]
[OutputType(typeof(FacebookAppSecretProof))]
public sealed class GetFacebookAppSecretProofCommand : FacebookTokenCmdlet
{
    // Nothing is sent to Facebook, so these three do nothing. They are accepted (hidden) so that one splatted set of Graph
    // parameters, or a piped object carrying ApiVersion, works with every command of the module.

    /// <summary>Not used: no request is made.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public string ApiVersion { get; set; } = FacebookEndpoint.DefaultApiVersion;

    /// <summary>Not used: no request is made.</summary>
    [Parameter(DontShow = true)]
    public Uri GraphBaseUri { get; set; } = FacebookEndpoint.DefaultGraphBaseUri;

    /// <summary>Not used: no request is made.</summary>
    [Parameter(DontShow = true)]
    public int TimeoutSec { get; set; } = 100;

    protected override void ProcessRecord()
    {
        string? appId;
        CheckedSecret secret;
        try
        {
            (appId, secret) = ResolveSecret();
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, AppId ?? Credential?.UserName);
            return;
        }

        ForEachToken(token =>
        {
            if (appId != null && token.AppId != null && token.AppId != appId)
            {
                throw new FacebookInputException(
                    "AppIdMismatch",
                    "AppId",
                    "The token " + token.MaskedToken + " belongs to app " + InputValidation.Show(token.AppId) + ", not to app " + InputValidation.Show(appId) + ": a proof keyed by another app's secret is refused. Give that app's secret.");
            }

            CheckedSecret text = CheckedSecret.AccessToken(token.AccessToken, advice: "Give a Facebook access token (a FacebookAccessToken from the pipeline, a SecureString, or the token text), or -Name for a cached one.");
            FacebookAppSecretProof proof = FacebookAppSecretProof.Create(text, secret, DateTimeOffset.UtcNow, token.Name, appId ?? token.AppId);
            WriteVerbose("Made an appsecret_proof " + proof.MaskedProof + " for " + proof.MaskedToken + " with appsecret_time " + proof.Time + "; Facebook accepts it until " + proof.ExpiresOn.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + ".");
            WriteObject(proof);
        });
    }

    /// <summary>The secret from -AppSecret or -Credential (one is needed; the app id is optional with -AppSecret).</summary>
    private (string? AppId, CheckedSecret Secret) ResolveSecret()
    {
        (string? appId, CheckedSecret? secret) = AppCredentials.ResolveOptional(AppId, AppSecret, Credential, secretAlone: true);
        if (secret is null)
        {
            throw new FacebookInputException("AppSecretRequired", "AppSecret", "An appsecret_proof is keyed by the app secret: give -AppSecret (a SecureString) or -Credential (app id as user name, app secret as password).");
        }

        return (appId, secret);
    }
}
