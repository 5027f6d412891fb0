using System;
using System.Linq;
using System.Management.Automation;
using FacebookToken.Secrets;

namespace FacebookToken.Module.Commands;

/// <summary>
/// Checks tokens a script can branch on: valid, lasting at least -MinimumValidity, holding every -Scope and reaching
/// every -WhatsAppBusinessAccountId / -PhoneNumberId. Writes [bool] per token, or a FacebookTokenCheck with -Detailed.
/// </summary>
/// <remarks>
/// An invalid, expired or revoked token is a result ($false), not an error. Errors are written only for what says
/// nothing about the token: bad parameters, the network, throttling, app credentials Facebook refuses.
/// </remarks>
[Cmdlet(VerbsDiagnostic.Test, "FacebookToken", DefaultParameterSetName = TokenSet)]
[OutputType(typeof(bool), typeof(FacebookTokenCheck))]
public sealed class TestFacebookTokenCommand : FacebookGraphTokenCmdlet
{
    /// <summary>The token (and its data access) must last at least this long; default: valid now.</summary>
    [Parameter]
    public TimeSpan MinimumValidity { get; set; } = TimeSpan.Zero;

    /// <summary>Permissions that must all be granted.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    [ValidateNotNull]
    public string[] Scope { get; set; } = new string[0];

    /// <summary>WhatsApp Business Account ids the token must reach (granular_scopes, confirmed by a read).</summary>
    [Parameter]
    [ValidateNotNull]
    public string[] WhatsAppBusinessAccountId { get; set; } = new string[0];

    /// <summary>WhatsApp phone number ids the token must reach (their WABA in granular_scopes, confirmed by a read).</summary>
    [Parameter]
    [ValidateNotNull]
    public string[] PhoneNumberId { get; set; } = new string[0];

    /// <summary>Write a FacebookTokenCheck (what was found and how to fix it) instead of [bool].</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    private TokenCheckRequest _request = new();

    protected override void BeginProcessing()
    {
        if (MinimumValidity < TimeSpan.Zero)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(
                new FacebookInputException("InvalidMinimumValidity", nameof(MinimumValidity), "-MinimumValidity must not be negative; give how long the token must still last, e.g. (New-TimeSpan -Days 14)."),
                MinimumValidity));
        }

        string[] accounts;
        string[] phones;
        try
        {
            accounts = WhatsAppBusinessAccountId.Select(id => WhatsAppAssetClient.ValidateId(id, nameof(WhatsAppBusinessAccountId))).Distinct(StringComparer.Ordinal).ToArray();
            phones = PhoneNumberId.Select(id => WhatsAppAssetClient.ValidateId(id, nameof(PhoneNumberId))).Distinct(StringComparer.Ordinal).ToArray();
        }
        catch (FacebookInputException ex)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(ex, null));
            return;
        }

        _request = new TokenCheckRequest
        {
            MinimumValidity = MinimumValidity,
            Scopes = Scope.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToArray(),
            AccountIds = accounts,
            PhoneNumberIds = phones,
        };
    }

    protected override void ProcessRecord()
    {
        if (TryResolveCall(out FacebookEndpoint endpoint, out string? appId, out CheckedSecret? secret))
        {
            ForEachToken(token => Write(token.Name ?? token.MaskedToken, Run((log, ct) => new TokenChecker(endpoint, log).CheckAsync(token, appId ?? token.AppId, secret, _request, ct))));
        }
    }

    private void Write(string target, FacebookTokenCheck check)
    {
        foreach (FacebookTokenProblem problem in check.Problems)
        {
            WriteVerbose(target + ": " + problem.Message + " Fix: " + problem.Fix);
        }

        WriteVerbose(target + (check.Passed ? ": the check passed." : ": the check failed."));
        if (Detailed)
        {
            WriteObject(check);
        }
        else
        {
            WriteObject(check.Passed);
        }
    }
}
