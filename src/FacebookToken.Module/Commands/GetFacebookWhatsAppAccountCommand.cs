using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using FacebookToken.Secrets;

namespace FacebookToken.Module.Commands;

/// <summary>
/// Lists the WhatsApp Business Accounts a token reaches (its granular scopes' target ids, plus with -BusinessId the
/// business's owned and client accounts), each with its phone numbers.
/// </summary>
/// <remarks>
/// An account or business the token does not reach (Facebook: code 100, subcode 33) is a non-terminating error on that
/// id; the other accounts still come out. An account whose phone numbers cannot be read comes out without numbers.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "FacebookWhatsAppAccount", DefaultParameterSetName = TokenSet)]
[OutputType(typeof(FacebookWhatsAppAccount))]
public sealed class GetFacebookWhatsAppAccountCommand : FacebookGraphTokenCmdlet
{
    /// <summary>Business portfolio ids whose owned and client WhatsApp Business Accounts are listed too.</summary>
    [Parameter]
    [ValidateNotNull]
    public string[] BusinessId { get; set; } = new string[0];

    private string[] _businessIds = new string[0];

    protected override void BeginProcessing()
    {
        try
        {
            _businessIds = BusinessId.Select(id => WhatsAppAssetClient.ValidateId(id, nameof(BusinessId))).Distinct(StringComparer.Ordinal).ToArray();
        }
        catch (FacebookInputException ex)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(ex, null));
        }
    }

    protected override void ProcessRecord()
    {
        if (TryResolveCall(out FacebookEndpoint endpoint, out string? appId, out CheckedSecret? secret))
        {
            ForEachToken(token => Write(token.Name ?? token.MaskedToken, Run((log, ct) => new WhatsAppAssetClient(endpoint, log).GetAccountsAsync(token.Checked(), appId ?? token.AppId, secret, _businessIds, ct))));
        }
    }

    private void Write(string target, WhatsAppAccountListing listing)
    {
        foreach (KeyValuePair<string, FacebookApiException> failure in listing.Failures)
        {
            WriteFacebookError(
                ApiErrorAdvice.With(
                    failure.Value,
                    failure.Value.Kind,
                    "The token " + target + " does not reach " + failure.Key + ". Test-FacebookToken -WhatsAppBusinessAccountId " + failure.Key + " -Detailed says how to fix it."),
                failure.Key);
        }

        WriteObject(listing.Accounts, enumerateCollection: true);
    }
}
