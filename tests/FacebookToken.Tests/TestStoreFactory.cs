using FacebookToken.Cache;

namespace FacebookToken.Tests;

/// <summary>
/// For core cache tests without the isolated MSAL build: no OS store (as in a container without D-Bus) unless a test
/// gives one, and a real exclusive file lock. The MSAL-backed factory is tested in StorageIsolationTests and the Pester suites.
/// </summary>
internal sealed class TestStoreFactory : IOsStoreFactory
{
    public string Reason { get; init; } = "libsecret unavailable: no D-Bus session (test)";

    /// <summary>The store <see cref="Create"/> returns; null: it fails with <see cref="Reason"/>, as with no keyring.</summary>
    public IOsProtectedStore? Store { get; set; }

    /// <summary>How often the cache probed the OS store.</summary>
    public int Creates { get; private set; }

    public IOsProtectedStore Create(string cacheDirectory, string cacheFileName)
    {
        Creates++;
        return Store ?? throw new InvalidOperationException(Reason);
    }

    public IDisposable AcquireLock(string lockFilePath, TimeSpan timeout)
    {
        DateTime until = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(lockFilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(5);
            }
        }
    }
}
