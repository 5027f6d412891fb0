using System;
using System.Management.Automation;
using System.Security;
using FacebookToken.Workflows;
using FacebookToken.Secrets;

namespace FacebookToken.Module.Commands;

/// <summary>The whole login in one call: URL, browser, redirect, code exchange, and a long-lived token.</summary>
/// <remarks>
/// The app and Graph parameters override the shared ones: -AppId is positional and not piped, -ApiVersion is not piped,
/// -TimeoutSec bounds the wait for the redirect and each HTTP call (300 s), and the others keep their place in the syntax.
/// </remarks>
[Cmdlet(VerbsLifecycle.Invoke, "FacebookLogin", DefaultParameterSetName = AppSecretSet)]
[OutputType(typeof(FacebookAccessToken))]
public sealed class InvokeFacebookLoginCommand : FacebookAppCmdlet, IDynamicParameters
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = AppSecretSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    [AllowEmptyString]
    public override string? AppId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AppSecretSet)]
    public override SecureString? AppSecret { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public override PSCredential? Credential { get; set; }

    [Parameter(Mandatory = true)]
    [AllowEmptyString]
    public string RedirectUri { get; set; } = string.Empty;

    [Parameter]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    public string[]? Scope { get; set; }

    [Parameter]
    [ValidateSet("rerequest", "reauthenticate", "reauthorize")]
    public string? AuthType { get; set; }

    [Parameter]
    public string? ConfigId { get; set; }

    [Parameter]
    public SwitchParameter UsePkce { get; set; }

    /// <summary>Stop at the short-lived token instead of exchanging it for a long-lived one.</summary>
    [Parameter]
    public SwitchParameter ShortLived { get; set; }

    /// <summary>Also save the result in the token cache under this name.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(CachedNameCompleter))]
    public string? CacheName { get; set; }

    /// <summary>With -CacheName: the cache parameters.</summary>
    internal CacheParameterGroup Cache { get; } = new();

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public override string ApiVersion { get; set; } = FacebookEndpoint.DefaultApiVersion;

    [Parameter]
    [ValidateNotNull]
    public override Uri GraphBaseUri { get; set; } = FacebookEndpoint.DefaultGraphBaseUri;

    [Parameter]
    [ValidateNotNull]
    public Uri LoginBaseUri { get; set; } = FacebookEndpoint.DefaultLoginBaseUri;

    /// <summary>Show the URL instead of opening a browser.</summary>
    [Parameter]
    public SwitchParameter NoBrowser { get; set; }

    /// <summary>How long to wait for the user to finish signing in, and for each call to Facebook after it.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public override int TimeoutSec { get; set; } = 300;

    public object GetDynamicParameters() => Cache.Define();

    protected override void ProcessRecord()
    {
        try
        {
            (string appId, CheckedSecret secret) = ResolveApp();
            TokenSaveTarget? saveTo = CacheNameTarget.Open(this, CacheName, Cache);

            FacebookEndpoint endpoint = CreateEndpoint(LoginBaseUri);
            WarnOnce(endpoint.LoginBaseUriWarning);
            FacebookAuthRequest request = FacebookAuthUrlBuilder.Build(endpoint, new FacebookAuthOptions
            {
                AppId = appId,
                RedirectUri = RedirectUri,
                Scope = Scope,
                AuthType = AuthType,
                ConfigId = ConfigId,
                UsePkce = UsePkce,
            });
            WriteVerbose("Step 1 of " + (ShortLived ? "2" : "3") + ": sign-in for app " + appId + " with redirect " + request.RedirectUri + ".");
            var login = new LoginInteraction(this, NoBrowser, TimeoutSec, "For SSH and containers, run Get-FacebookAuthUrl, open its Uri anywhere, and pipe the request into Receive-FacebookAuthCode -CallbackUri <final URL>.");
            FacebookAuthCode code = login.ReceiveCode(request);

            WriteObject(Run((log, ct) => new NewTokenWorkflow(endpoint, log).CompleteLoginAsync(appId, secret, code, ShortLived, saveTo, ct)));
        }
        catch (FacebookCacheException ex) when (ex.UnsavedToken != null)
        {
            // Made at Facebook but not saved: the token goes to the pipeline with the error, so nothing is lost.
            WriteObject(ex.UnsavedToken);
            WriteFacebookError(ex, string.IsNullOrEmpty(RedirectUri) ? AppId : RedirectUri);
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, string.IsNullOrEmpty(RedirectUri) ? AppId : RedirectUri);
        }
    }
}
