namespace FacebookToken;

/// <summary>What <c>Test-FacebookToken</c> found wrong (or worth a note) with a token.</summary>
public enum FacebookTokenProblemKind
{
    /// <summary>Facebook says the token no longer works (expired, revoked, password changed, app removed...).</summary>
    Invalid,

    /// <summary>The token expires within -MinimumValidity.</summary>
    ExpiresSoon,

    /// <summary>Access to user data lapses within -MinimumValidity.</summary>
    DataAccessExpiresSoon,

    /// <summary>A permission given with -Scope is not granted.</summary>
    MissingScope,

    /// <summary>A WhatsApp Business Account or phone number the token does not reach (Facebook: code 100, subcode 33).</summary>
    UncoveredAccount,

    /// <summary>
    /// A note, not a failure: the id is not listed in granular_scopes target_ids, yet reading it with the token works
    /// (Meta changed Embedded Signup tokens so whatsapp_business_management can be missing while access works).
    /// </summary>
    ScopeDrift,

    /// <summary>debug_token refused the token inspecting itself: the check needs the app credentials.</summary>
    InspectionRefused,
}
