namespace FacebookEmulator.Control;

/// <summary>Body of POST /_emulator/systemusers/tokens: a system-user token minted directly (no install, no proof).</summary>
public sealed class SystemUserTokenRequest
{
    /// <summary>Default: the emulator's system user 61550000000000001.</summary>
    public string? SystemUserId { get; set; }

    public string? AppId { get; set; }

    public List<string>? Scopes { get; set; }

    /// <summary>True: expires in 60 days; false (default): never.</summary>
    public bool? ExpiresIn60Days { get; set; }

    /// <summary>Overrides the lifetime (seconds; zero or less gives a token that has already expired).</summary>
    public double? LifetimeSeconds { get; set; }
}
