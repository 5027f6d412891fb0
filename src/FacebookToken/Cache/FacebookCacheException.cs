using System;

namespace FacebookToken;

/// <summary>The token cache cannot do what was asked: no protected store, a damaged file, a wrong key, a missing or expired entry.</summary>
public sealed class FacebookCacheException : FacebookException
{
    public FacebookCacheException(string message, FacebookErrorKind kind, string? cachePath, Exception? inner = null)
        : base(message, kind, null, inner)
    {
        CachePath = cachePath;
    }

    /// <summary>The cache folder concerned.</summary>
    public string? CachePath { get; }

    /// <summary>A token made at Facebook that this error kept from being saved; the cmdlet writes it to the pipeline.</summary>
    internal FacebookAccessToken? UnsavedToken { get; set; }

    public override bool IsTransient => Kind == FacebookErrorKind.CacheBusy;
}
