using System;
using System.Management.Automation;
using System.Security;

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
            (string appId, SecureString secret) = ResolveApp();
            FacebookAccessToken token = Run((log, ct) => CreateClient(log).ExchangeCodeAsync(appId, secret, RedirectUri, Code ?? new SecureString(), CodeVerifier, ct));
            if (GrantedScopes != null && !token.Inspected)
            {
                // Without granted_scopes in the redirect these are the scopes requested: kept only if debug_token cannot say.
                token.Scopes = InputValidation.NormalizeScopes(GrantedScopes);
            }

            InspectNewToken(CreateEndpoint(), appId, secret, token);

            WriteObject(token);
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, ex is FacebookInputException input && input.ParamName == "RedirectUri" ? RedirectUri : AppTarget);
        }
    }
}
