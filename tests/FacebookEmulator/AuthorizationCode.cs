namespace FacebookEmulator;

/// <summary>An authorization code issued by the dialog or minted by a test.</summary>
internal sealed record AuthorizationCode(
    string Value,
    string AppId,
    string RedirectUri,
    IReadOnlyList<string> Scopes,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    string UserId,
    DateTimeOffset ExpiresAt)
{
    public bool IsUsed { get; init; }

    /// <summary>An Embedded Signup code (JavaScript SDK popup): exchanged with no redirect_uri, for a business integration system-user token.</summary>
    public bool IsEmbeddedSignup { get; init; }

    /// <summary>The WhatsApp Business Account ids the customer shared (granular target_ids); null: the default WABA.</summary>
    public IReadOnlyList<string>? TargetIds { get; init; }

    /// <summary>Embedded Signup: the configuration gives 60-day business tokens instead of never-expiring ones.</summary>
    public bool SixtyDayToken { get; init; }
}
