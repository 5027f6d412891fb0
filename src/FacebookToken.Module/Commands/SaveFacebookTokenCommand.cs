using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using FacebookToken.Cache;

namespace FacebookToken.Module.Commands;

/// <summary>
/// Saves tokens in the encrypted cache under names: a FacebookAccessToken, or rows with Name, AccessToken (SecureString or
/// text), Kind, AppId and ExpiresOn (a CSV, a database export) by property name.
/// </summary>
/// <remarks>
/// Every row of one pipeline is checked as it comes (a bad row is one error; the others go on) and the good ones are saved
/// together at the end, under one lock with one write, so 10,000 rows cost one write, not 10,000. -PassThru writes the
/// saved tokens after that write.
/// </remarks>
[Cmdlet(VerbsData.Save, "FacebookToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ObjectSet)]
[OutputType(typeof(FacebookAccessToken))]
public sealed class SaveFacebookTokenCommand : FacebookCacheCmdlet
{
    private const string ObjectSet = "Object";
    private const string TextSet = "Text";
    private readonly List<KeyValuePair<string, FacebookAccessToken>> _pending = new();
    private ITokenStore? _cache;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
    public FacebookAccessToken? InputObject { get; set; }

    /// <summary>A token you already have (e.g. a System User token from Business settings), as a SecureString or text.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
    [SecureStringTransformation("AccessToken")]
    public System.Security.SecureString? AccessToken { get; set; }

    [Parameter(ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
    public string? AppId { get; set; }

    [Parameter(ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
    [RowValueTransformation(typeof(FacebookTokenKind))]
    public FacebookTokenKind Kind { get; set; } = FacebookTokenKind.Unknown;

    /// <summary>When the token given as text expires; omit for never or unknown.</summary>
    [Parameter(ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
    [RowValueTransformation(typeof(DateTimeOffset))]
    public DateTimeOffset? ExpiresOn { get; set; }

    /// <summary>Not mandatory to PowerShell, so a piped token without a name gets a clear error instead of a binding failure.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(CachedNameCompleter))]
    [AllowEmptyString]
    [AllowNull]
    public string? Name { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Opt-in to an unencrypted cache file; warns on every use.</summary>
    [Parameter]
    public SwitchParameter AllowPlaintextStorage { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            FacebookAccessToken token = InputObject ?? FromText();
            TokenName.Validate(Name);
            string name = Name!;
            if (!ShouldProcess(name, "Save " + token.Kind + " token " + token.MaskedToken + " to the token cache"))
            {
                return;
            }

            _cache ??= OpenCache(AllowPlaintextStorage);
            WarnAboutLifetime(token, name);
            if (_cache is SecretManagementStore vault)
            {
                // A vault writes one secret per token anyway: each row is saved as it comes, so a name the vault cannot
                // take or a foreign secret is that row's error, and the other rows are saved.
                VaultEntry.SecretName(name);
                WriteSaved(name, token, RunSync(_ => vault.Save(token, name)));
                return;
            }

            _pending.Add(new KeyValuePair<string, FacebookAccessToken>(name, token));
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, Name);
        }
    }

    protected override void EndProcessing()
    {
        if (_pending.Count == 0 || _cache is null)
        {
            return;
        }

        IReadOnlyList<bool> replaced;
        try
        {
            ITokenStore cache = _cache;
            replaced = RunSync(_ => cache.SaveMany(_pending));
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, _pending.Select(p => p.Key).ToArray());
            return;
        }

        for (int i = 0; i < _pending.Count; i++)
        {
            WriteSaved(_pending[i].Key, _pending[i].Value, replaced[i]);
        }
    }

    private void WriteSaved(string name, FacebookAccessToken token, bool replaced)
    {
        WriteVerbose((replaced ? "Replaced" : "Saved") + " the cached token '" + name + "' (" + token.Kind + " " + token.MaskedToken + ") in " + _cache!.Info + ".");
        if (PassThru)
        {
            token.Name = name;
            WriteObject(token);
        }
    }

    private FacebookAccessToken FromText()
    {
        FacebookToken.Secrets.CheckedSecret token = FacebookToken.Secrets.CheckedSecret.AccessToken(AccessToken, advice: "Give the token exactly as Facebook issued it.");
        return new FacebookAccessToken(token, Kind, string.IsNullOrEmpty(AppId) ? null : InputValidation.ValidateAppId(AppId))
        {
            ExpiresOn = ExpiresOn?.ToUniversalTime(),
        };
    }

    private void WarnAboutLifetime(FacebookAccessToken token, string name)
    {
        if (token.ExpiresOn.HasValue && token.ExpiresOn.Value <= DateTimeOffset.UtcNow)
        {
            WriteWarning("The token saved as '" + name + "' has already expired (" + token.ExpiresOn.Value.ToString("u", CultureInfo.InvariantCulture) + "); Get-FacebookToken will not return it.");
        }
        else if (token.Kind == FacebookTokenKind.ShortLivedUser)
        {
            WriteWarning("Saving a short-lived token as '" + name + "': it lasts hours. Pipe it through ConvertTo-LongLivedToken first for about 60 days.");
        }
    }
}
