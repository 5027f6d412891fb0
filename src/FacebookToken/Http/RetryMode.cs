namespace FacebookToken;

/// <summary>How far a request may be repeated.</summary>
internal enum RetryMode
{
    /// <summary>Repeating is harmless (token exchange, debug_token): retry every transient failure.</summary>
    Idempotent,

    /// <summary>
    /// The server may consume something (an authorization code): retry only when the request surely was not
    /// processed — the connection was refused before sending, or Facebook throttled it.
    /// </summary>
    OnlyIfNotProcessed,
}
