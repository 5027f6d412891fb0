using System.Security;
using FacebookToken.Cache;

namespace FacebookToken.Module;

/// <summary>Opens the token cache the way every cmdlet does: -CachePath resolved against PowerShell's current location.</summary>
internal static class CacheOpener
{
    public static TokenCache Open(FacebookCmdlet cmdlet, string? cachePath, SecureString? cacheKey, bool allowPlaintext = false) =>
        cmdlet.RunSync(log => TokenCache.Open(
            new TokenCacheOptions
            {
                CachePath = cachePath is null ? null : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(cachePath),
                CacheKey = cacheKey,
                AllowPlaintext = allowPlaintext,
            },
            log));
}
