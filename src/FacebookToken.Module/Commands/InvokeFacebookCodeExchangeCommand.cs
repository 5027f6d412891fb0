using System;
using System.Management.Automation;
using System.Security;

using FacebookToken.Workflows;
using FacebookToken.Secrets;

namespace FacebookToken.Module.Commands;

/// <summary>Exchanges a login code for a user token, and asks debug_token as the app what the user granted.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "FacebookCodeExchange", DefaultParameterSetName = AppSecretSet)]
[OutputType(typeof(FacebookAccessToken))]
public sealed class InvokeFacebookCodeExchangeCommand : FacebookAppCmdlet
{
    /// <summary>The dialog's exact redirect_uri; leave it out for an Embedded Signup or JavaScript SDK code (none is sent then).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [AllowNull]
    public string? RedirectUri { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [SecureStringTransformation("Code")]
    public SecureString? Code { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SecureStringTransformation("CodeVerifier")]
    [AllowNull]
    public SecureString? CodeVerifier { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyCollection]
    public string[]? GrantedScopes { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            (string appId, CheckedSecret secret) = ResolveApp();
            FacebookEndpoint endpoint = CreateEndpoint();
            CheckedSecret code = CheckedSecret.Code(Code);
            CheckedSecret? verifier = CheckedSecret.CodeVerifier(CodeVerifier);
            WriteObject(Run((log, ct) => new NewTokenWorkflow(endpoint, log).ExchangeCodeAsync(appId, secret, RedirectUri, code, verifier, GrantedScopes, ct)));
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, ex is FacebookInputException input && input.ParamName == "RedirectUri" ? RedirectUri : AppTarget);
        }
    }
}
