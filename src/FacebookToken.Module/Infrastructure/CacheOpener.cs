using System;
using System.Security;
using FacebookToken.Cache;
using FacebookToken.Workflows;

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
                CachePath = parameters.CachePath is null ? null : ResolvePath(cmdlet, parameters.CachePath),
                CacheKey = parameters.CacheKey,
                AllowPlaintext = allowPlaintext,
            },
            log));
    }

    /// <summary>
    /// -CachePath as a file-system path: a fully qualified one as given (a runbook's usual form; asking PowerShell's
    /// providers reads the system's mount table on every call), anything else (relative, ~, a PowerShell drive, a
    /// provider-qualified path) resolved against the current location.
    /// </summary>
    internal static string ResolvePath(FacebookCmdlet cmdlet, string path)
    {
        bool unix = System.IO.Path.DirectorySeparatorChar == '/';
        bool qualified = unix
            ? path.StartsWith("/", StringComparison.Ordinal)
            : (path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/')) || path.StartsWith(@"\\", StringComparison.Ordinal);
        return qualified && path.IndexOf('`') < 0 ? path : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
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
        ITokenStore store = cache.Open(cmdlet);
        if (store is SecretManagementStore)
        {
            // Refused before anything is minted, as a missing key is.
            VaultEntry.SecretName(cacheName);
        }

        // Opened and decrypted now, not only located: a wrong key or a damaged cache fails before a token is minted at
        // Facebook (a never-expiring system-user token made and then not saved would be held by nobody).
        cmdlet.RunSync(_ => store.Read(_ => false));
        return new TokenSaveTarget(store, cacheName);
    }
}
