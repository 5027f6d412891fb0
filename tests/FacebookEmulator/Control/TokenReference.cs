using System.Text.Json.Serialization;

namespace FacebookEmulator.Control;

/// <summary>Body of POST /_emulator/tokens/expire and /_emulator/tokens/revoke.</summary>
public sealed class TokenReference
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    /// <summary>revoke only: the 190 subcode the token is refused with from now on (458 by default; 459, 460, 463, 464, 467, 492).</summary>
    public int? Subcode { get; set; }
}
