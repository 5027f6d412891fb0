using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using FacebookToken.Diagnostics;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>
/// Picks the store for a cache folder and says why, as MSAL's <c>Storage.Create</c> picks DPAPI, Keychain or libsecret.
/// The file already there decides first (unencrypted, or a key file that needs its key); a new cache takes
/// -AllowPlaintextStorage, then -CacheKey, then the OS store, then FACEBOOK_TOKEN_CACHE_KEY; with none it refuses.
/// </summary>
/// <remarks>Only a folder with no cache file, opened without -CacheKey, probes the OS store.</remarks>
internal static class CacheStoreSelector
{
    private static readonly ConcurrentDictionary<string, Lazy<IOsProtectedStore>> s_osStores = new(StringComparer.Ordinal);

    public static CacheStoreChoice Select(TokenCacheOptions options, IFacebookLog log, Func<IOsStoreFactory> factory)
    {
        string directory = options.ResolveDirectory();
        string file = Path.Combine(directory, TokenCache.CacheFileName);
        if (File.Exists(directory))
        {
            throw new FacebookCacheException(
                "The cache path " + directory + " is a file, not a folder. Give -CachePath (or " + TokenCacheOptions.PathVariable + ") a folder; the cache keeps its files inside it.",
                FacebookErrorKind.CacheUnavailable,
                directory);
        }

        SecureFile.CheckFolder(directory);

        string? givenKey = options.CacheKey?.ToPlainText();
        if (givenKey != null && givenKey.Length == 0)
        {
            throw new FacebookInputException("InvalidCacheKey", "CacheKey", "CacheKey is empty. Give a long random secret, or omit -CacheKey.");
        }

        if (givenKey != null)
        {
            InputValidation.RejectNul(givenKey, "CacheKey", "InvalidCacheKey", "Give the key exactly, or omit -CacheKey.");
        }

        byte[] existing;
        try
        {
            // Only to tell the format by its first bytes: the cache itself is read when it is used, and at most once per change.
            existing = SecureFile.ReadHeaderOrEmpty(file, 64);
        }
        catch (InvalidDataException ex)
        {
            throw TokenCache.Corrupt(file, directory, ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new FacebookCacheException("The token cache at " + file + " cannot be read: " + ex.Message, FacebookErrorKind.CacheUnavailable, directory, ex);
        }

        string? envKey = Environment.GetEnvironmentVariable(TokenCacheOptions.KeyVariable);
        string? key = givenKey ?? (string.IsNullOrEmpty(envKey) ? null : envKey);
        string keySource = givenKey != null ? "-CacheKey" : TokenCacheOptions.KeyVariable;
        if (key != null)
        {
            // A key with the raw prefix must be a well-formed raw key, whatever the file; refused before anything is read or written.
            CacheKeyMaterial.RequireWellFormed(key, keySource);
        }

        if (PlaintextFileStore.HasMagic(existing))
        {
            if (key != null && !options.AllowPlaintext)
            {
                // Someone who could replace the file would otherwise feed tokens of their choosing to a user who expects encryption.
                throw new FacebookCacheException(
                    "The token cache at " + file + " is NOT encrypted, but a key is set (" + keySource + "), so an encrypted cache was expected; it was not read. "
                        + "If you saved it unencrypted yourself, add -AllowPlaintextStorage to read or change it; otherwise move the file away and save the tokens again with the key.",
                    FacebookErrorKind.PlaintextCacheWithKey,
                    directory);
            }

            log.Warning("The token cache at " + file + " is NOT encrypted (it was saved with -AllowPlaintextStorage). Anyone who can read the file can use its tokens.");
            return CacheStoreChoice.Plaintext(directory, file, "the cache file there is unencrypted (saved with -AllowPlaintextStorage)", options.AllowPlaintext);
        }

        if (KeyFileFormat.HasMagic(existing))
        {
            if (key != null && key.Length < TokenCacheOptions.MinimumKeyLength)
            {
                // Refusing it would strand the tokens the file holds; the rule applies to every new key-file cache.
                log.Warning("The key from " + keySource + " is shorter than " + TokenCacheOptions.MinimumKeyLength + " characters: easy to guess from a copy of " + file + ". Move the tokens to a cache under a long random key.");
            }

            return CacheStoreChoice.KeyFile(
                directory,
                file,
                key ?? throw new FacebookCacheException(
                    "The token cache at " + file + " is an encrypted key file, and no key was given. Set " + TokenCacheOptions.KeyVariable + " (or pass -CacheKey) to the key it was written with.",
                    FacebookErrorKind.CacheUnavailable,
                    directory),
                "the cache there is a key file; key from " + keySource);
        }

        if (existing.Length > 0)
        {
            throw TokenCache.Corrupt(file, directory, "it is not a FacebookToken cache file", null);
        }

        if (options.AllowPlaintext && givenKey is null)
        {
            log.Warning("Saving tokens UNENCRYPTED at " + file + " because -AllowPlaintextStorage was given. Anyone who can read the file can use its tokens.");
            return CacheStoreChoice.Plaintext(directory, file, "-AllowPlaintextStorage was given", mayWrite: true);
        }

        if (givenKey != null)
        {
            RequireStrongKey(givenKey, "-CacheKey");
            return CacheStoreChoice.KeyFile(directory, file, givenKey, "-CacheKey was given");
        }

        IOsProtectedStore? store = TryOpenOsStore(directory, factory, out string reason);
        if (store != null)
        {
            return CacheStoreChoice.Os(directory, store);
        }

        if (key != null)
        {
            RequireStrongKey(key, keySource);
            return CacheStoreChoice.KeyFile(directory, file, key, reason + "; using key file (" + keySource + ")");
        }

        throw new FacebookCacheException(
            "No protected storage for the token cache: " + reason + ", and " + TokenCacheOptions.KeyVariable + " is not set. "
                + "Set " + TokenCacheOptions.KeyVariable + " (or pass -CacheKey) to a long random secret to keep an encrypted key file, "
                + "or install gnome-keyring, libsecret-1-0 and dbus-x11 and run in a D-Bus session with an unlocked keyring. Nothing was written.",
            FacebookErrorKind.CacheUnavailable,
            directory);
    }

    /// <summary>Throws InvalidCacheKey for a key too short to protect a new key-file cache.</summary>
    private static void RequireStrongKey(string key, string source)
    {
        if (key.Length < TokenCacheOptions.MinimumKeyLength)
        {
            throw new FacebookInputException(
                "InvalidCacheKey",
                "CacheKey",
                "The key from " + source + " is too short: a new encrypted cache needs at least " + TokenCacheOptions.MinimumKeyLength + " characters"
                    + ", as anyone with a copy of the file can try short keys quickly. Use a long random secret, e.g. from a password manager. Nothing was written.");
        }
    }

    /// <summary>The OS store for the folder, or null and why not (e.g. "libsecret unavailable: no D-Bus session").</summary>
    /// <remarks>
    /// One that opened is kept for the process: opening runs MSAL's persistence check (a write and a delete in the keyring).
    /// A failure is forgotten at once, so a user who unlocks the keyring or starts a D-Bus session needs no new process.
    /// Concurrent opens of one folder share one probe.
    /// </remarks>
    private static IOsProtectedStore? TryOpenOsStore(string directory, Func<IOsStoreFactory> factory, out string reason)
    {
        Lazy<IOsProtectedStore> probe = s_osStores.GetOrAdd(directory, d => new Lazy<IOsProtectedStore>(() =>
        {
            SecureFile.EnsureDirectory(d);
            return factory().Create(d, TokenCache.OsCacheFileName);
        }));
        try
        {
            reason = string.Empty;
            return probe.Value;
        }
        catch (Exception ex)
        {
            ((ICollection<KeyValuePair<string, Lazy<IOsProtectedStore>>>)s_osStores).Remove(new KeyValuePair<string, Lazy<IOsProtectedStore>>(directory, probe));
            if (!(ex is InvalidOperationException || ex is PlatformNotSupportedException || ex is IOException || ex is DllNotFoundException || ex is TypeLoadException || ex is BadImageFormatException))
            {
                throw;
            }

            reason = ex.Message.TrimEnd('.');
            return null;
        }
    }
}
