namespace FacebookToken;

/// <summary>What a token is and, so, how long it lives.</summary>
public enum FacebookTokenKind
{
    /// <summary>Given as plain text or not yet inspected.</summary>
    Unknown = 0,

    /// <summary>From a code exchange; lives one to two hours.</summary>
    ShortLivedUser,

    /// <summary>From fb_exchange_token; lives about 60 days and is not renewed by exchanging again.</summary>
    LongLivedUser,

    /// <summary>An app token (client_credentials or APPID|SECRET); does not expire.</summary>
    App,

    /// <summary>A Page token; one from a long-lived user token does not expire.</summary>
    Page,

    /// <summary>A Business Manager System User token, the durable credential for WhatsApp Cloud API.</summary>
    SystemUser,
}
