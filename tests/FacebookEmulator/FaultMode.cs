namespace FacebookEmulator;

/// <summary>The misbehaviours a fault switch can inject into Graph endpoints.</summary>
public enum FaultMode
{
    /// <summary>No fault: answer normally.</summary>
    None,

    /// <summary>HTTP 500, code 2, is_transient true.</summary>
    Transient500,

    /// <summary>HTTP 400 throttling error (code 4, 17, 32, 341 or 613), is_transient true.</summary>
    Throttle,

    /// <summary>HTTP 502 with an HTML body.</summary>
    Html502,

    /// <summary>Never answer until the client disconnects.</summary>
    Hang,

    /// <summary>HTTP 200 with an empty body.</summary>
    Empty,

    /// <summary>HTTP 200 with a JSON body cut short.</summary>
    TruncatedJson,

    /// <summary>HTTP 200 announcing a body of 200 bytes, then the connection closed after the first 40 (a body cut off).</summary>
    CutBody,

    /// <summary>HTTP 200 with a token response that lacks access_token.</summary>
    NoAccessToken,

    /// <summary>HTTP 302 to somewhere else.</summary>
    Redirect,

    /// <summary>HTTP 200 text/plain "OK".</summary>
    TextPlain,

    /// <summary>HTTP 200 with a 1 MiB JSON body.</summary>
    Huge,

    /// <summary>HTTP 200 that writes one byte of JSON every 500 ms.</summary>
    SlowDrip,

    /// <summary>HTTP 400, code 1 "An unknown error has occurred.", is_transient false.</summary>
    ServiceError1,

    /// <summary>HTTP 403 with a permission code: 10, or 200-299 (JSON "code"; 200 when it is anything else).</summary>
    PermissionDenied,

    /// <summary>HTTP 500, code 1 "An unknown error has occurred.", is_transient true.</summary>
    UnknownError500,

    /// <summary>The code exchange redeems the code, then answers a transient error (is_transient: true).</summary>
    TransientAfterRedeem,

    /// <summary>Echoes the request's secrets (client_secret, code, tokens, the APPID|SECRET bearer) back in the place <see cref="EmulatorFaults.EchoIn"/> names.</summary>
    EchoSecrets,

    /// <summary>The endpoint acts (a WhatsApp message is recorded), then its answer is replaced by HTTP 500, code 2, is_transient true.</summary>
    Error500AfterProcessing,

    /// <summary>The endpoint acts, then no answer comes until the client gives up (a timeout after processing).</summary>
    HangAfterProcessing,

    /// <summary>The endpoint acts, then the connection is dropped with no answer.</summary>
    DropAfterProcessing,
}
