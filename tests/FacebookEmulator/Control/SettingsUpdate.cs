namespace FacebookEmulator.Control;

/// <summary>Body of POST /_emulator/settings; only the members present change.</summary>
public sealed class SettingsUpdate
{
    public AutoApproveMode? AutoApprove { get; set; }

    public string? TokenTypeCasing { get; set; }

    public bool? OmitExpiresIn { get; set; }

    public bool? AppIdAsNumber { get; set; }

    public string? JsonContentType { get; set; }

    public bool? RequireAppSecretProof { get; set; }

    /// <summary>"Require App Secret" of the default app.</summary>
    public bool? RequireAppSecret { get; set; }

    public bool? CodeExchangeGivesLongLived { get; set; }

    public bool? GranularWithoutTargetIds { get; set; }

    public string[]? DeclinedScopes { get; set; }

    public bool? GranularOmitsWhatsAppManagement { get; set; }
}
