namespace FacebookToken.Cache;

/// <summary>What <see cref="TokenCache.ReplaceIfCurrent"/> found under the lock.</summary>
internal enum CacheReplaceOutcome
{
    /// <summary>The entry still held the expected token and now holds the replacement.</summary>
    Replaced,

    /// <summary>The entry holds another token (a Save, or another renewal, since it was read); left as it is.</summary>
    Changed,

    /// <summary>The entry is gone (a Revoke or Remove since it was read); nothing was written.</summary>
    Removed,
}
