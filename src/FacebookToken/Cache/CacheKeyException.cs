using System;

namespace FacebookToken.Cache;

/// <summary>The cache key given is not the one the cache was written with.</summary>
internal sealed class CacheKeyException : Exception
{
    public CacheKeyException(string message, bool otherKindOfKey = false)
        : base(message)
    {
        OtherKindOfKey = otherKindOfKey;
    }

    /// <summary>The cache was written with the other kind of key (a passphrase, or a raw 256-bit key), not merely another key.</summary>
    public bool OtherKindOfKey { get; }
}
