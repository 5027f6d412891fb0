using System.Text.Json.Serialization;

namespace FacebookEmulator.Control;

/// <summary>Body of POST /_emulator/tokens/expire and /_emulator/tokens/revoke.</summary>
public sealed class TokenReference
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }
}
