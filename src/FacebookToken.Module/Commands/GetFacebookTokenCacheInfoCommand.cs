using System;
using System.Management.Automation;
using FacebookToken.Cache;

namespace FacebookToken.Module.Commands;

/// <summary>Says which store the cache uses, where, and why.</summary>
[Cmdlet(VerbsCommon.Get, "FacebookTokenCacheInfo")]
[OutputType(typeof(TokenCacheInfo))]
public sealed class GetFacebookTokenCacheInfoCommand : FacebookCacheCmdlet
{
    protected override void EndProcessing()
    {
        try
        {
            ITokenStore cache = OpenCache();
            TokenCacheInfo info = cache.Info;
            info.TokenCount = cache is SecretManagementStore vault ? RunSync(_ => vault.Names()).Count : RunSync(_ => cache.Read(null)).Count;
            WriteObject(info);
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, CachePath);
        }
    }
}
