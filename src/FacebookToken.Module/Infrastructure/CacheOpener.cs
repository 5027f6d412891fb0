using FacebookToken.Cache;

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

/// <summary>
/// A cmdlet's -CacheName: the cache is opened (and the name checked) before the token is made, so a missing key or
/// keyring fails before anyone signs in or anything is minted; then the new token is saved under the name.
/// </summary>
internal sealed class CacheNameTarget
{
    private readonly TokenCache _cache;
    private readonly string _name;

    private CacheNameTarget(TokenCache cache, string name)
    {
        _cache = cache;
        _name = name;
    }

    /// <summary>Null without a -CacheName.</summary>
    public static CacheNameTarget? Open(FacebookCmdlet cmdlet, string? cacheName, CacheParameterGroup cache)
    {
        if (cacheName is null)
        {
            return null;
        }

        TokenName.Validate(cacheName);
        return new CacheNameTarget(cache.Open(cmdlet), cacheName);
    }

    /// <summary>Saves the token under the name (replacing one of that name) and sets its Name.</summary>
    public void Save(FacebookCmdlet cmdlet, FacebookAccessToken token)
    {
        bool replaced = cmdlet.RunSync(_ => _cache.Save(token, _name));
        token.Name = _name;
        cmdlet.WriteVerbose((replaced ? "Replaced" : "Saved") + " the token as '" + _name + "' in " + _cache.Info + ".");
    }
}
