using System;
using System.Management.Automation;
using FacebookToken.Diagnostics;

namespace FacebookToken.Module;

/// <summary>
/// Base of cmdlets that call the Graph API: -ApiVersion, -GraphBaseUri, -TimeoutSec, declared once. A cmdlet that needs
/// one differently (or in another place of its syntax: PowerShell lists named parameters in declaration order, the
/// derived class first) overrides the property with its own attributes, as PSOpenAD does.
/// </summary>
public abstract class FacebookGraphCmdlet : FacebookCmdlet
{
    /// <summary>Graph API version, e.g. v25.0. Every URL carries it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public virtual string ApiVersion { get; set; } = FacebookEndpoint.DefaultApiVersion;

    /// <summary>Graph API base URI; point it at an emulator or proxy.</summary>
    [Parameter]
    [ValidateNotNull]
    public virtual Uri GraphBaseUri { get; set; } = FacebookEndpoint.DefaultGraphBaseUri;

    /// <summary>The whole time allowed per call, retries included.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public virtual int TimeoutSec { get; set; } = 100;

    internal FacebookEndpoint CreateEndpoint(Uri? loginBaseUri = null) =>
        new(ApiVersion, GraphBaseUri, loginBaseUri, TimeSpan.FromSeconds(TimeoutSec));

    internal FacebookOAuthClient CreateClient(IFacebookLog log) => new(CreateEndpoint(), log);
}
