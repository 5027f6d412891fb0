using System;

namespace FacebookToken;

/// <summary>Short- or long-lived, decided from the lifetime Facebook gave, not from the grant that asked for it.</summary>
/// <remarks>
/// Short-lived user tokens live one to two hours and long-lived ones about 60 days, yet a server-side code exchange
/// has been seen to answer about 60 days (passport-facebook#98). One day sits far from both, so a lifetime over a day
/// is long-lived.
/// </remarks>
internal static class TokenLifetime
{
    public static readonly TimeSpan LongLivedThreshold = TimeSpan.FromDays(1);

    /// <summary>The kind for a user token with this <c>expires_in</c>, or null when Facebook gave none.</summary>
    public static FacebookTokenKind? FromExpiresIn(long? expiresInSeconds) =>
        expiresInSeconds is > 0
            ? (TimeSpan.FromSeconds(expiresInSeconds.Value) > LongLivedThreshold ? FacebookTokenKind.LongLivedUser : FacebookTokenKind.ShortLivedUser)
            : null;

    /// <summary>The kind from debug_token's expiry: <c>expires_at</c> 0 (never) counts as long-lived.</summary>
    public static FacebookTokenKind FromExpiry(DateTimeOffset? expiresOn, DateTimeOffset now) =>
        expiresOn is null || expiresOn.Value - now > LongLivedThreshold ? FacebookTokenKind.LongLivedUser : FacebookTokenKind.ShortLivedUser;

    /// <summary>
    /// The one reading of debug_token's <c>type</c> (USER, PAGE, APP, SYSTEM_USER; Facebook's case is not relied on): a
    /// user token is short- or long-lived by its expiry; a type this does not know, or none, is Unknown.
    /// </summary>
    public static FacebookTokenKind FromDebugTokenType(string? type, DateTimeOffset? expiresOn, DateTimeOffset now) =>
        type?.ToUpperInvariant() switch
        {
            "SYSTEM_USER" => FacebookTokenKind.SystemUser,
            "USER" => FromExpiry(expiresOn, now),
            "PAGE" => FacebookTokenKind.Page,
            "APP" => FacebookTokenKind.App,
            _ => FacebookTokenKind.Unknown,
        };
}
