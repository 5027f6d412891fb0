namespace FacebookEmulator;

/// <summary>The parameters of a login dialog waiting for the user's decision (kept server side).</summary>
internal sealed record PendingDialog(
    string Id,
    string Version,
    string AppId,
    string RedirectUri,
    string? State,
    IReadOnlyList<string> Scopes,
    string ResponseType,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    DateTimeOffset ExpiresAt);
