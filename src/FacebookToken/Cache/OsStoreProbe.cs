using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;

namespace FacebookToken.Cache;

/// <summary>Opens the OS secret store for a cache folder: kept for the process once it works, tried again after a failure.</summary>
/// <remarks>
/// Opening runs MSAL's persistence check (a write and a delete in the keyring), so a store that opened is kept. A failure
/// is forgotten at once: a user who unlocks the keyring or starts a D-Bus session needs no new process. Only a folder
/// without a cache file and without -CacheKey is probed. Thread safe: concurrent opens of one folder share one probe.
/// </remarks>
internal static class OsStoreProbe
{
    private static readonly ConcurrentDictionary<string, Lazy<IOsProtectedStore>> s_stores = new(StringComparer.Ordinal);

    /// <summary>The store, or null and why not (e.g. "libsecret unavailable: no D-Bus session").</summary>
    public static IOsProtectedStore? TryOpen(string directory, Func<IOsStoreFactory> factory, out string reason)
    {
        Lazy<IOsProtectedStore> probe = s_stores.GetOrAdd(directory, d => new Lazy<IOsProtectedStore>(() =>
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
            ((ICollection<KeyValuePair<string, Lazy<IOsProtectedStore>>>)s_stores).Remove(new KeyValuePair<string, Lazy<IOsProtectedStore>>(directory, probe));
            if (!(ex is InvalidOperationException || ex is PlatformNotSupportedException || ex is IOException || ex is DllNotFoundException || ex is TypeLoadException || ex is BadImageFormatException))
            {
                throw;
            }

            reason = ex.Message.TrimEnd('.');
            return null;
        }
    }
}
