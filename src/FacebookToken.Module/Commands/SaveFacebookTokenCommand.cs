using System;
using System.Globalization;
using System.Management.Automation;
using FacebookToken.Cache;

namespace FacebookToken.Module.Commands;

/// <summary>Saves a token in the encrypted cache under a name.</summary>
[Cmdlet(VerbsData.Save, "FacebookToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ObjectSet)]
[OutputType(typeof(FacebookAccessToken))]
public sealed class SaveFacebookTokenCommand : FacebookCacheCmdlet
{
    private const string ObjectSet = "Object";
    private const string TextSet = "Text";
    private ITokenStore? _cache;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
    public FacebookAccessToken? InputObject { get; set; }

    /// <summary>A token you already have (e.g. a System User token from Business settings), as a SecureString or text.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TextSet)]
    [SecureStringTransformation("AccessToken")]
    public System.Security.SecureString? AccessToken { get; set; }

    [Parameter(ParameterSetName = TextSet)]
    public string? AppId { get; set; }

    [Parameter(ParameterSetName = TextSet)]
    public FacebookTokenKind Kind { get; set; } = FacebookTokenKind.Unknown;

    /// <summary>When the token given as text expires; omit for never or unknown.</summary>
    [Parameter(ParameterSetName = TextSet)]
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
            WarnAboutLifetime(token);
            bool replaced = RunSync(_ => _cache.Save(token, name));
            WriteVerbose((replaced ? "Replaced" : "Saved") + " the cached token '" + Name + "' (" + token.Kind + " " + token.MaskedToken + ") in " + _cache.Info + ".");
            if (PassThru)
            {
                token.Name = Name;
                WriteObject(token);
            }
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, Name);
        }
    }

    private FacebookAccessToken FromText()
    {
        string text = FacebookToken.Secrets.SecureStringExtensions.ToPlainText(AccessToken);
        InputValidation.ValidateOpaqueSecret(text, "AccessToken", "InvalidAccessTokenParameter", "Give the token exactly as Facebook issued it.");
        return new FacebookAccessToken(AccessToken!, Kind, string.IsNullOrEmpty(AppId) ? null : InputValidation.ValidateAppId(AppId))
        {
            ExpiresOn = ExpiresOn?.ToUniversalTime(),
        };
    }

    private void WarnAboutLifetime(FacebookAccessToken token)
    {
        if (token.ExpiresOn.HasValue && token.ExpiresOn.Value <= DateTimeOffset.UtcNow)
        {
            WriteWarning("The token saved as '" + Name + "' has already expired (" + token.ExpiresOn.Value.ToString("u", CultureInfo.InvariantCulture) + "); Get-FacebookToken will not return it.");
        }
        else if (token.Kind == FacebookTokenKind.ShortLivedUser)
        {
            WriteWarning("Saving a short-lived token as '" + Name + "': it lasts hours. Pipe it through ConvertTo-LongLivedToken first for about 60 days.");
        }
    }
}
