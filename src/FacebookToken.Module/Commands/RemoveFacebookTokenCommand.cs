using System;
using System.Management.Automation;
using FacebookToken.Cache;

namespace FacebookToken.Module.Commands;

/// <summary>Removes tokens from the cache.</summary>
[Cmdlet(VerbsCommon.Remove, "FacebookToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveFacebookTokenCommand : FacebookCacheCmdlet
{
    private ITokenStore? _cache;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CachedNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Change an unencrypted cache file even though a key is set; warns.</summary>
    [Parameter]
    public SwitchParameter AllowPlaintextStorage { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            _cache ??= OpenCache(AllowPlaintextStorage);
            foreach (FacebookAccessToken token in TokenSelector.Select(this, _cache, Name, CachePath))
            {
                if (ShouldProcess(token.Name + " (" + token.Kind + " " + token.MaskedToken + ")", "Remove cached token"))
                {
                    RunSync(_ => _cache.Remove(new[] { token.Name! }));
                    WriteVerbose("Removed the cached token '" + token.Name + "' from " + _cache.Info + ".");
                }
            }
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, Name);
        }
    }
}
