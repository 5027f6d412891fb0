namespace FacebookToken.Cache;

/// <summary>Where one cache's serialised document is kept.</summary>
internal interface ICacheStore
{
    string Location { get; }

    /// <summary>The document bytes; empty when the cache does not exist yet. Throws FormatException or CacheKeyException.</summary>
    byte[] Read();

    void Write(byte[] document);
}
