using System;

namespace FacebookToken.Cache;

/// <summary>The cache key given is not the one the cache was written with.</summary>
internal sealed class CacheKeyException : Exception
{
    public CacheKeyException(string message)
        : base(message)
    {
    }
}
