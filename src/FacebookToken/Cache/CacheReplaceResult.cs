namespace FacebookToken.Cache;

/// <summary>The outcome of <see cref="TokenCache.ReplaceIfCurrent"/>, with the entry as found when it was not replaced.</summary>
internal sealed class CacheReplaceResult
{
    public CacheReplaceResult(CacheReplaceOutcome outcome, FacebookAccessToken? current)
    {
        Outcome = outcome;
        Current = current;
    }

    public CacheReplaceOutcome Outcome { get; }

    /// <summary>For <see cref="CacheReplaceOutcome.Changed"/>: the entry that is there now (its token in a SecureString); otherwise null.</summary>
    public FacebookAccessToken? Current { get; }
}
