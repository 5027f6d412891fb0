namespace FacebookEmulator.Control;

/// <summary>Body of POST /_emulator/codes.</summary>
public sealed class CodeRequest
{
    public string? AppId { get; set; }

    public string? RedirectUri { get; set; }

    public List<string>? Scopes { get; set; }

    public string? CodeChallenge { get; set; }

    public string? CodeChallengeMethod { get; set; }

    public double? LifetimeSeconds { get; set; }

    public string? UserId { get; set; }
}
