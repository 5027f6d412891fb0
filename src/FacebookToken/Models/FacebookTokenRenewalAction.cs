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
    /// The cached entry changed while the renewal ran (a Save, Revoke or Remove of the same name, or another renewal):
    /// it was left as it is. Reason says what it holds now and what became of the renewed token (revoked at Facebook
    /// where Facebook allows, since nobody holds it, or why it could not be).
    /// </summary>
    Conflict,
}
