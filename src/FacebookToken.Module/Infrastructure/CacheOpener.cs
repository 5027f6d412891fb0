using System;
using System.Security;
using FacebookToken.Cache;

namespace FacebookToken.Module;

/// <summary>
/// Opens the token store the way every cmdlet does: a SecretManagement vault when -Vault is given (or
/// FACEBOOK_TOKEN_VAULT is set and no local-cache parameter is), else the local cache with -CachePath resolved against
/// PowerShell's current location.
/// </summary>
internal static class CacheOpener
{
    public static ITokenStore Open(FacebookCmdlet cmdlet, CacheParameters parameters, bool allowPlaintext = false)
    {
        if (ChooseVault(parameters.Vault, parameters.CachePath, parameters.CacheKey, allowPlaintext) is (string name, string reason))
        {
            return cmdlet.RunSync(log => SecretManagementStore.Open(name, reason, log));
        }

        return cmdlet.RunSync(log => TokenCache.Open(
            new TokenCacheOptions
            {
                CachePath = parameters.CachePath is null ? null : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(parameters.CachePath),
                CacheKey = parameters.CacheKey,
                AllowPlaintext = allowPlaintext,
            },
            log));
    }

    /// <summary>
    /// The vault to use and why, or null for the local cache. -Vault wins and refuses local-cache parameters beside it; an
    /// explicit -CachePath, -CacheKey or -AllowPlaintextStorage means the local cache even when FACEBOOK_TOKEN_VAULT is set.
    /// </summary>
    public static (string Name, string Reason)? ChooseVault(string? vault, string? cachePath, SecureString? cacheKey, bool allowPlaintext)
    {
        bool local = cachePath != null || cacheKey != null || allowPlaintext;
        if (vault != null)
        {
            if (local)
            {
                throw new FacebookInputException(
                    "VaultWithLocalCache",
                    "Vault",
                    "-Vault keeps the tokens in a SecretManagement vault; -CachePath, -CacheKey and -AllowPlaintextStorage are for the local cache. Give one or the other.");
            }

            return (vault, "-Vault " + vault + " was given");
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(TokenCacheOptions.VaultVariable);
        return local || string.IsNullOrWhiteSpace(fromEnvironment) ? null : (fromEnvironment!.Trim(), TokenCacheOptions.VaultVariable + " is set");
    }
}

/// <summary>
/// A cmdlet's -CacheName: the cache is opened (and the name checked) before the token is made, so a missing key or
/// keyring fails before anyone signs in or anything is minted; then the new token is saved under the name.
/// </summary>
internal sealed class CacheNameTarget
{
    private readonly ITokenStore _cache;
    private readonly string _name;

    private CacheNameTarget(ITokenStore cache, string name)
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
        ITokenStore store = cache.Open(cmdlet);
        if (store is SecretManagementStore)
        {
            // Refused before anything is minted, as a missing key is.
            VaultEntry.SecretName(cacheName);
        }

        return new CacheNameTarget(store, cacheName);
    }

    /// <summary>Saves the token under the name (replacing one of that name) and sets its Name.</summary>
    public void Save(FacebookCmdlet cmdlet, FacebookAccessToken token)
    {
        bool replaced = cmdlet.RunSync(_ => _cache.Save(token, _name));
        token.Name = _name;
        cmdlet.WriteVerbose((replaced ? "Replaced" : "Saved") + " the token as '" + _name + "' in " + _cache.Info + ".");
    }
}
