namespace FacebookEmulator.Control;

/// <summary>Body of POST /_emulator/tokens; kind is "short", "long", "app" or "page".</summary>
public sealed class TokenRequest
{
    public string? AppId { get; set; }

    public string? Kind { get; set; }

    public double? LifetimeSeconds { get; set; }

    public List<string>? Scopes { get; set; }

    public string? UserId { get; set; }

    /// <summary>The WABA ids the token's WhatsApp scopes cover (debug_token target_ids); absent: the default WABA.</summary>
    public List<string>? TargetIds { get; set; }
}
