namespace FacebookToken.Cache;

/// <summary>Where one cache's serialised document is kept.</summary>
internal interface ICacheStore
{
    string Location { get; }

    /// <summary>Equal for two stores that read the same tokens: the place, and the key that opens it.</summary>
    string Identity { get; }

    /// <summary>
    /// A file whose time and length change with every write of this store (the cache file itself, or a stamp written beside
    /// a keyring entry): how <see cref="TokenCache"/> knows its last read is still current.
    /// </summary>
    string ChangeMarkerPath { get; }

    /// <summary>The document bytes; empty when the cache does not exist yet. Throws FormatException or CacheKeyException.</summary>
    byte[] Read();

    void Write(byte[] document);
}
