namespace FacebookToken.Cache;

/// <summary>The store <see cref="CacheStoreSelector"/> chose for a cache folder, and why.</summary>
internal sealed class CacheStoreChoice
{
    private CacheStoreChoice(ICacheStore store, TokenCacheInfo info, bool mayWrite)
    {
        Store = store;
        Info = info;
        MayWrite = mayWrite;
    }

    public ICacheStore Store { get; }

    public TokenCacheInfo Info { get; }

    /// <summary>False for an unencrypted cache opened without -AllowPlaintextStorage: it may be read and emptied, not added to.</summary>
    public bool MayWrite { get; }

    public static CacheStoreChoice Os(string directory, IOsProtectedStore store) =>
        new(new OsStore(store, directory), new TokenCacheInfo(store.BackendName, directory, store.Location, store.BackendName + " is available", isEncrypted: true), mayWrite: true);

    public static CacheStoreChoice KeyFile(string directory, string file, string key, string reason) =>
        new(new KeyFileStore(file, key), new TokenCacheInfo("KeyFile", directory, file, reason, isEncrypted: true), mayWrite: true);

    public static CacheStoreChoice Plaintext(string directory, string file, string reason, bool mayWrite) =>
        new(new PlaintextFileStore(file), new TokenCacheInfo("Plaintext", directory, file, reason, isEncrypted: false), mayWrite);
}
