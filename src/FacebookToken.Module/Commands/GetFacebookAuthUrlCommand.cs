using System;
using System.Management.Automation;

namespace FacebookToken.Module.Commands;

/// <summary>Builds the Facebook Login dialog URL and the request object the rest of the flow carries.</summary>
[Cmdlet(VerbsCommon.Get, "FacebookAuthUrl")]
[OutputType(typeof(FacebookAuthRequest))]
public sealed class GetFacebookAuthUrlCommand : FacebookCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string AppId { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string RedirectUri { get; set; } = string.Empty;

    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    public string[]? Scope { get; set; }

    [Parameter]
    public string? State { get; set; }

    [Parameter]
    [ValidateSet("code", "token", "code token", "code granted_scopes", "token granted_scopes")]
    public string ResponseType { get; set; } = "code";

    [Parameter]
    [ValidateSet("rerequest", "reauthenticate", "reauthorize")]
    public string? AuthType { get; set; }

    [Parameter]
    public string? ConfigId { get; set; }

    [Parameter]
    [ValidateSet("page", "popup", "touch")]
    public string? Display { get; set; }

    [Parameter]
    public SwitchParameter UsePkce { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public string ApiVersion { get; set; } = FacebookEndpoint.DefaultApiVersion;

    [Parameter]
    [ValidateNotNull]
    public Uri LoginBaseUri { get; set; } = FacebookEndpoint.DefaultLoginBaseUri;

    protected override void ProcessRecord()
    {
        try
        {
            var endpoint = new FacebookEndpoint(ApiVersion, null, LoginBaseUri, null);
            WarnOnce(endpoint.LoginBaseUriWarning);
            FacebookAuthRequest request = FacebookAuthUrlBuilder.Build(endpoint, new FacebookAuthOptions
            {
                AppId = AppId,
                RedirectUri = RedirectUri,
                Scope = Scope,
                State = MyInvocation.BoundParameters.ContainsKey(nameof(State)) ? State ?? string.Empty : null,
                ResponseType = ResponseType,
                AuthType = AuthType,
                ConfigId = ConfigId,
                Display = Display,
                UsePkce = UsePkce,
            });
            WriteVerbose("Login URL for app " + request.AppId + ", redirect_uri " + request.RedirectUri
                + (request.Scope.Length > 0 ? ", scope " + string.Join(",", request.Scope) : ", no scope")
                + (UsePkce ? ", PKCE S256" : string.Empty) + ".");
            WriteObject(request);
        }
        catch (FacebookInputException ex)
        {
            WriteFacebookError(ex, ex.ParamName == "RedirectUri" ? RedirectUri : AppId);
        }
    }
}
