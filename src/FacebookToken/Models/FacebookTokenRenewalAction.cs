namespace FacebookToken;

/// <summary>What Update-FacebookToken did with a cached token.</summary>
public enum FacebookTokenRenewalAction
{
    /// <summary>A new token was obtained, checked with debug_token, and saved under the same name.</summary>
    Renewed,

    /// <summary>The token has at least the asked validity left, or never expires: nothing to do.</summary>
    StillValid,

    /// <summary>Facebook renews this kind only by a new login (a long-lived user token); Reason says what to run.</summary>
    NeedsLogin,

    /// <summary>The renewal was tried and failed; Reason carries Facebook's error. The cached token is unchanged.</summary>
    Failed,

    /// <summary>
    /// A new token was obtained, but the stored one had changed since it was read (another process renewed, saved or
    /// revoked it first): the stored one was kept and the new one not saved; Reason says what became of it.
    /// </summary>
    Conflict,
}
