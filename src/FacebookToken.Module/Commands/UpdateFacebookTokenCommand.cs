using System;
using System.Collections.Generic;
using System.Management.Automation;
using FacebookToken.Cache;
using FacebookToken.Workflows;
using FacebookToken.Secrets;

namespace FacebookToken.Module.Commands;

/// <summary>
/// Renews cached tokens that have less than -MinimumValidity left, where Facebook lets an app renew them, and says for
/// each what was done. Meant for a scheduled runbook.
/// </summary>
/// <remarks>
/// The new token is checked with debug_token before it replaces the cached one (one atomic cache write), so a failed
/// renewal leaves the old token in place. A Failed result is also written as a non-terminating error, so
/// <c>-ErrorAction Stop</c> fails a job.
/// </remarks>
[Cmdlet(VerbsData.Update, "FacebookToken", DefaultParameterSetName = AppSecretSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FacebookTokenRenewal))]
public sealed class UpdateFacebookTokenCommand : FacebookAppCmdlet, IDynamicParameters
{
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private ITokenStore? _cache;

    /// <summary>Cached token names; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CachedNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Renew tokens with less than this left (default 14 days).</summary>
    [Parameter]
    public TimeSpan MinimumValidity { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The app id; not taken from piped objects here (their AppId is the token's, checked against it instead).</summary>
    [Parameter(Mandatory = true, ParameterSetName = AppSecretSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    [AllowEmptyString]
    public override string? AppId { get; set; }

    internal CacheParameterGroup Cache { get; } = new();

    public object GetDynamicParameters() => Cache.Define();

    protected override void ProcessRecord()
    {
        (string AppId, CheckedSecret Secret) app;
        FacebookEndpoint endpoint;
        ITokenStore cache;
        try
        {
            if (MinimumValidity < TimeSpan.Zero)
            {
                throw new FacebookInputException("InvalidMinimumValidity", "MinimumValidity", "MinimumValidity must not be negative, e.g. 14.00:00:00 for 14 days.");
            }

            app = ResolveApp();
            endpoint = CreateEndpoint();
            cache = _cache ??= Cache.Open(this);
        }
        catch (FacebookException ex)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(ex, Name));
            return;
        }

        foreach (FacebookAccessToken token in TokenSelector.Select(this, cache, Name, Cache.Values.CachePath))
        {
            if (_done.Add(token.Name!))
            {
                Update(token, app.AppId, app.Secret, endpoint);
            }
        }
    }

    private void Update(FacebookAccessToken token, string appId, CheckedSecret secret, FacebookEndpoint endpoint)
    {
        string name = token.Name!;
        try
        {
            ITokenStore store = _cache!;
            TokenRenewalPlan plan = token.ExpiresOn is null
                ? Run((log, ct) => new TokenRenewalWorkflow(endpoint, store, log).PlanAsync(token, appId, secret, MinimumValidity, ct))
                : TokenRenewalWorkflow.Plan(token, appId, MinimumValidity, DateTimeOffset.UtcNow);
            if (!plan.Renew)
            {
                WriteVerbose("'" + name + "': " + plan.Outcome + ". " + plan.Reason);
                WriteObject(new FacebookTokenRenewal(name, token.Kind, plan.Outcome!.Value, token.ExpiresOn, token.ExpiresOn, plan.Reason));
                return;
            }

            if (!ShouldProcess(name + " (" + token.Kind + " " + token.MaskedToken + ", " + plan.Reason.TrimEnd('.') + ")", "Renew cached token"))
            {
                return;
            }

            ITokenStore cache = _cache!;
            WriteObject(Run((log, ct) => new TokenRenewalWorkflow(endpoint, cache, log).RenewAsync(token, appId, secret, ct)));
        }
        catch (FacebookException ex)
        {
            Fail(token, ex);
        }
    }

    /// <summary>A Failed result and a non-terminating error with the same text; the cached token is untouched.</summary>
    private void Fail(FacebookAccessToken token, FacebookException ex)
    {
        WriteObject(new FacebookTokenRenewal(token.Name!, token.Kind, FacebookTokenRenewalAction.Failed, token.ExpiresOn, token.ExpiresOn, ex.Message));
        WriteFacebookError(ex, token.Name);
    }
}
