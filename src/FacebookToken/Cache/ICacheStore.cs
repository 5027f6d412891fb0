namespace FacebookToken.Cache;

/// <summary>Where one cache's records are kept (<see cref="RecordContainer"/>).</summary>
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

    /// <summary>Every record, with the codec that opens them; none when the cache does not exist yet. Throws FormatException or CacheKeyException.</summary>
    CacheContents Read();

    /// <summary>Replaces what the store holds with <paramref name="contents"/>, as read by <see cref="Read"/> (under the lock) and changed.</summary>
    void Write(CacheContents contents);
}
