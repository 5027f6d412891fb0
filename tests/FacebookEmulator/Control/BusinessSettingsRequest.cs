namespace FacebookEmulator.Control;

/// <summary>Body of POST /_emulator/businesses.</summary>
public sealed class BusinessSettingsRequest
{
    /// <summary>Default: the emulator's business 1980000000000001.</summary>
    public string? BusinessId { get; set; }

    /// <summary>True: POST /{system-user-id}/access_tokens without set_token_expires_in_60_days=true is refused.</summary>
    public bool? ExpiringTokensOnly { get; set; }
}
