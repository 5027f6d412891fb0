using System;
using System.Management.Automation;
using FacebookToken.Secrets;

namespace FacebookToken.Module;

/// <summary>
/// Base of the token cmdlets that call the Graph API: the token selector (<see cref="FacebookTokenCmdlet"/>) with
/// -ApiVersion, -GraphBaseUri and -TimeoutSec. C# gives a class one base, so these three are declared here as well as in
/// <see cref="FacebookGraphCmdlet"/>, with the same attributes (tests/assets/command-surface.txt holds both to one shape).
/// </summary>
public abstract class FacebookGraphTokenCmdlet : FacebookTokenCmdlet
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

    internal FacebookEndpoint CreateEndpoint() => new(ApiVersion, GraphBaseUri, null, TimeSpan.FromSeconds(TimeoutSec));

    /// <summary>
    /// The endpoint and the optional app credentials of this record, or false after writing the error (on -AppId) that
    /// makes the whole record fail: a bad -ApiVersion or -GraphBaseUri, half or contradicting app credentials.
    /// </summary>
    internal bool TryResolveCall(out FacebookEndpoint endpoint, out string? appId, out CheckedSecret? secret)
    {
        try
        {
            endpoint = CreateEndpoint();
            (appId, secret) = ResolveOptionalApp();
            return true;
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, AppId);
            endpoint = null!;
            appId = null;
            secret = null;
            return false;
        }
    }
}
