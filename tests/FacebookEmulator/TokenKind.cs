namespace FacebookEmulator;

/// <summary>The kinds of access token the emulator issues.</summary>
public enum TokenKind
{
    /// <summary>A short-lived (about 2 hours) user token, as returned by the code exchange.</summary>
    ShortLivedUser,

    /// <summary>A long-lived (about 60 days) user token, as returned by fb_exchange_token.</summary>
    LongLivedUser,

    /// <summary>An app token (<c>APPID|...</c>), as returned by client_credentials.</summary>
    App,

    /// <summary>A page token that never expires, as returned by /me/accounts.</summary>
    Page,

    /// <summary>A system-user token (debug_token type SYSTEM_USER); Embedded Signup's business integration tokens are these with <see cref="EmulatorToken.IsBusinessIntegration"/>.</summary>
    SystemUser,
}
