using System;
using System.Management.Automation;

namespace FacebookToken.Module;

/// <summary>Base of cmdlets that call the Graph API: -ApiVersion, -GraphBaseUri, -TimeoutSec.</summary>
public abstract class FacebookGraphCmdlet : FacebookCmdlet
{
    /// <summary>Graph API version, e.g. v25.0. Every URL carries it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public string ApiVersion { get; set; } = FacebookEndpoint.DefaultApiVersion;

    /// <summary>Graph API base URI; point it at an emulator or proxy.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri GraphBaseUri { get; set; } = FacebookEndpoint.DefaultGraphBaseUri;

    /// <summary>The whole time allowed per call, retries included.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 100;

    protected FacebookEndpoint CreateEndpoint() =>
        new(ApiVersion, GraphBaseUri, null, TimeSpan.FromSeconds(TimeoutSec));

    protected FacebookOAuthClient CreateClient(FacebookToken.Diagnostics.IFacebookLog log) =>
        new(CreateEndpoint(), log);
}
