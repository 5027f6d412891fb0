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
}
