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
    public static ITokenStore Open(FacebookCmdlet cmdlet, string? cachePath, SecureString? cacheKey, bool allowPlaintext = false, string? vault = null)
    {
        (string Name, string Reason)? chosen = ChooseVault(vault, cachePath, cacheKey, allowPlaintext);
        if (chosen is (string name, string reason))
        {
            return cmdlet.RunSync(log => SecretManagementStore.Open(name, reason, log));
        }

        return cmdlet.RunSync(log => TokenCache.Open(
            new TokenCacheOptions
            {
                CachePath = cachePath is null ? null : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(cachePath),
                CacheKey = cacheKey,
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
    public static CacheNameTarget? Open(FacebookCmdlet cmdlet, string? cacheName, string? cachePath, SecureString? cacheKey, string? vault = null)
    {
        if (cacheName is null)
        {
            return null;
        }

        TokenName.Validate(cacheName);
        ITokenStore store = CacheOpener.Open(cmdlet, cachePath, cacheKey, vault: vault);
        if (store.Info.Backend == SecretManagementStore.Backend)
        {
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
