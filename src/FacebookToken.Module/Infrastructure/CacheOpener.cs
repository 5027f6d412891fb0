using FacebookToken.Cache;
using FacebookToken.Workflows;

namespace FacebookToken.Module;

/// <summary>Opens the token cache the way every cmdlet does: -CachePath resolved against PowerShell's current location.</summary>
internal static class CacheOpener
{
    public static TokenCache Open(FacebookCmdlet cmdlet, CacheParameters parameters, bool allowPlaintext = false) =>
        cmdlet.RunSync(log => TokenCache.Open(
            new TokenCacheOptions
            {
                CachePath = parameters.CachePath is null ? null : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(parameters.CachePath),
                CacheKey = parameters.CacheKey,
                AllowPlaintext = allowPlaintext,
            },
            log));
}

/// <summary>A cmdlet's -CacheName: the name checked and the cache opened before anything is made (core's <see cref="TokenSaveTarget"/>).</summary>
internal static class CacheNameTarget
{
    /// <summary>Null without a -CacheName.</summary>
    public static TokenSaveTarget? Open(FacebookCmdlet cmdlet, string? cacheName, CacheParameterGroup cache)
    {
        if (cacheName is null)
        {
            return null;
        }

        TokenName.Validate(cacheName);
        return new TokenSaveTarget(cache.Open(cmdlet), cacheName);
    }
}
