using System;

namespace FacebookToken.Cache;

/// <summary>
/// Entry point of the isolated FacebookToken.Storage assembly (MSAL Extensions): the OS secret store and the
/// cross-process lock. Created by <see cref="StorageLoader"/>, which loads MSAL only on first cache use.
/// </summary>
public interface IOsStoreFactory
{
    /// <summary>
    /// The OS store for the cache in <paramref name="cacheDirectory"/>, keyed by that directory's full path so two
    /// caches never mix. Throws <see cref="InvalidOperationException"/> whose message says why the store is not
    /// usable here (MSAL's persistence check failed: no keyring, locked keychain...).
    /// </summary>
    IOsProtectedStore Create(string cacheDirectory, string cacheFileName);

    /// <summary>Takes MSAL's CrossPlatLock on <paramref name="lockFilePath"/>; dispose to release. Throws <see cref="TimeoutException"/> when not acquired in time.</summary>
    IDisposable AcquireLock(string lockFilePath, TimeSpan timeout);
}
