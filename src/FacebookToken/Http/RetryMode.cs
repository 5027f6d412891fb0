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

    /// <summary>
    /// A call that acts (a POST such as sending a WhatsApp message): retried only when Facebook surely did not act — the
    /// connection was refused before sending, or a throttling code that rejects the call (<see cref="GraphErrorTable.RejectsCall"/>).
    /// Never after a 5xx, a timeout or a dropped connection, even when flagged is_transient: the message may have gone out.
    /// </summary>
    NotAfterSending,
}
