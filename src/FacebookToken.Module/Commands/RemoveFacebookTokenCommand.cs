using System;
using System.Collections.Generic;
using System.Linq;
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
            IReadOnlyList<FacebookAccessToken> all = RunSync(_ => _cache.Read(null));
            foreach (string pattern in Name)
            {
                var wildcard = new TokenNamePattern(pattern);
                List<FacebookAccessToken> matches = all.Where(t => wildcard.IsMatch(t.Name)).ToList();
                if (matches.Count == 0 && wildcard.IsLiteral)
                {
                    WriteFacebookError(new FacebookCacheException("No cached token is named '" + pattern + "'.", FacebookErrorKind.CachedTokenNotFound, CachePath), pattern);
                    continue;
                }

                foreach (FacebookAccessToken token in matches)
                {
                    if (ShouldProcess(token.Name + " (" + token.Kind + " " + token.MaskedToken + ")", "Remove cached token"))
                    {
                        RunSync(_ => _cache.Remove(new[] { token.Name! }));
                        WriteVerbose("Removed the cached token '" + token.Name + "' from " + _cache.Info + ".");
                    }
                }
            }
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, Name);
        }
    }
}
