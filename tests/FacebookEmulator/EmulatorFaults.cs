using System.Text.Json.Serialization;

namespace FacebookEmulator;

/// <summary>
/// A fault switch for Graph endpoints (everything but /_emulator/* and the login dialog).
/// Assign a new instance to <see cref="EmulatorState.Faults"/>; that restarts the count.
/// </summary>
public sealed record EmulatorFaults
{
    /// <summary>No latency, no fault.</summary>
    public static EmulatorFaults None { get; } = new();

    /// <summary>Delay added to every matching request (applies regardless of <see cref="Count"/>).</summary>
    public int LatencyMs { get; init; }

    /// <summary>The misbehaviour to inject.</summary>
    public FaultMode Mode { get; init; }

    /// <summary>How many matching requests get <see cref="Mode"/>; -1 (default) means every one.</summary>
    public int Count { get; init; } = -1;

    /// <summary>For <see cref="FaultMode.Throttle"/>: 4, 17, 32, 341, 613, 80000-80014, 130429 or 131056; for <see cref="FaultMode.PermissionDenied"/>: 10 or 200-299 (JSON "code").</summary>
    [JsonPropertyName("code")]
    public int ThrottleCode { get; init; } = 4;

    /// <summary>For <see cref="FaultMode.Throttle"/>: value of a Retry-After header.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>For <see cref="FaultMode.Throttle"/>: send X-Business-Use-Case-Usage naming this many minutes as estimated_time_to_regain_access.</summary>
    public int? RegainAccessMinutes { get; init; }

    /// <summary>
    /// For <see cref="FaultMode.EchoSecrets"/>: where the secrets come back. <c>html</c> (a 502 page whose title puts the
    /// first secret across character 80), <c>errorType</c>, <c>fbtraceId</c>, <c>headers</c> (x-fb-trace-id and
    /// X-App-Usage), <c>debugTokenError</c> (debug_token's data.error.message, HTTP 200) or <c>message</c>.
    /// </summary>
    public string? EchoIn { get; init; }

    /// <summary>Only requests whose path contains this (ordinal, case-insensitive) are affected, e.g. "oauth/access_token".</summary>
    public string? PathContains { get; init; }
}
