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

    /// <summary>An Embedded Signup code: no redirectUri, 30 s of life (lifetimeSeconds overrides), a business integration token.</summary>
    public bool? EmbeddedSignup { get; set; }

    /// <summary>Embedded Signup: the WhatsApp Business Account ids the customer shares (default: the emulator's WABA).</summary>
    public List<string>? TargetIds { get; set; }

    /// <summary>
    /// Embedded Signup: the signup configuration chose expiring business tokens (60 days; the answer carries expires_in).
    /// Default false: the configuration's never-expiring tokens.
    /// </summary>
    public bool? TokenExpiresIn60Days { get; set; }
}
