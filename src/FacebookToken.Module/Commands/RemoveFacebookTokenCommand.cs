using System;
using System.Collections.Generic;
using System.Management.Automation;
using FacebookToken.Cache;

namespace FacebookToken.Module.Commands;

/// <summary>Removes tokens from the cache.</summary>
/// <remarks>
/// Each token is confirmed as it is selected; the confirmed ones of the whole pipeline are removed together at the end,
/// under one lock with one write, so removing thousands of entries costs one write, not thousands.
/// </remarks>
[Cmdlet(VerbsCommon.Remove, "FacebookToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveFacebookTokenCommand : FacebookCacheCmdlet
{
    private readonly List<string> _pending = new();
    private readonly HashSet<string> _confirmed = new(StringComparer.OrdinalIgnoreCase);
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
                if (!_confirmed.Contains(token.Name!) && ShouldProcess(token.Name + " (" + token.Kind + " " + token.MaskedToken + ")", "Remove cached token"))
                {
                    _confirmed.Add(token.Name!);
                    _pending.Add(token.Name!);
                }
            }
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

        try
        {
            ITokenStore cache = _cache;
            foreach (string name in RunSync(_ => cache.Remove(_pending)))
            {
                WriteVerbose("Removed the cached token '" + name + "' from " + cache.Info + ".");
            }
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, _pending.ToArray());
        }
    }
}
