using System;
using System.Management.Automation;
using System.Security;
using FacebookToken.Secrets;

namespace FacebookToken.Module.Commands;

/// <summary>Exchanges a short-lived user token for a long-lived one (about 60 days).</summary>
[Cmdlet(VerbsData.ConvertTo, "LongLivedToken", DefaultParameterSetName = AppSecretSet)]
[OutputType(typeof(FacebookAccessToken))]
public sealed class ConvertToLongLivedTokenCommand : FacebookAppCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SecureStringTransformation("AccessToken")]
    public SecureString? AccessToken { get; set; }

    /// <summary>Carried over from a piped token; Facebook's answer does not repeat them.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    [AllowNull]
    [AllowEmptyCollection]
    public string[]? Scopes { get; set; }

    /// <summary>Carried over from a piped token.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? UserId { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            (string appId, CheckedSecret secret) = ResolveApp();
            CheckedSecret shortLived = CheckedSecret.AccessToken(AccessToken);
            FacebookAccessToken token = Run((log, ct) => CreateClient(log).ExchangeForLongLivedAsync(appId, secret, shortLived, ct));
            if (Scopes != null)
            {
                token.Scopes = Scopes;
            }

            token.UserId = string.IsNullOrEmpty(UserId) ? null : UserId;
            WriteObject(token);
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, AppTarget);
        }
    }
}
