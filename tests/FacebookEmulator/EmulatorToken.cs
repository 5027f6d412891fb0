namespace FacebookEmulator;

/// <summary>An access token the emulator knows (immutable snapshot; the state replaces it on change).</summary>
public sealed record EmulatorToken
{
    internal EmulatorToken(
        string value,
        string appId,
        TokenKind kind,
        string? userId,
        IReadOnlyList<string> scopes,
        DateTimeOffset issuedAt,
        DateTimeOffset? expiresAt)
    {
        Value = value;
        AppId = appId;
        Kind = kind;
        UserId = userId;
        Scopes = scopes;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        DataAccessExpiresAt = issuedAt.AddDays(90);
    }

    public string Value { get; }

    public string AppId { get; }

    public TokenKind Kind { get; }

    /// <summary>The user the token acts for (null for app tokens).</summary>
    public string? UserId { get; }

    public IReadOnlyList<string> Scopes { get; }

    public DateTimeOffset IssuedAt { get; }

    /// <summary>When the token expires; null means never.</summary>
    public DateTimeOffset? ExpiresAt { get; internal init; }

    /// <summary>The second clock next to <see cref="ExpiresAt"/> (90 days).</summary>
    public DateTimeOffset DataAccessExpiresAt { get; internal init; }

    /// <summary>True once the user removed the app (DELETE /me/permissions) or the test revoked it.</summary>
    public bool IsRevoked { get; internal init; }

    /// <summary>For page tokens: the page id.</summary>
    public string? ProfileId { get; internal init; }

    /// <summary>True for an <c>APPID|SECRET</c> literal, which is accepted as an app token but never stored.</summary>
    public bool IsAppSecretLiteral { get; internal init; }

    /// <summary>
    /// The object ids each targeted scope covers (debug_token granular_scopes target_ids), e.g. the WhatsApp Business
    /// Account ids for whatsapp_business_management; null: the emulator's default WABA for every targeted scope.
    /// </summary>
    public IReadOnlyList<string>? TargetIds { get; internal init; }

    /// <summary>The 190 subcode a revoked token is refused with (null: 458, the app was removed); see <see cref="SessionErrors"/>.</summary>
    public int? InvalidSubcode { get; internal init; }

    /// <summary>An Embedded Signup business integration system-user token (debug_token type SYSTEM_USER, never expires).</summary>
    public bool IsBusinessIntegration { get; internal init; }

    public bool IsUserToken => Kind is TokenKind.ShortLivedUser or TokenKind.LongLivedUser;

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expiresAt && expiresAt <= now;

    public bool IsValidAt(DateTimeOffset now) => !IsRevoked && !IsExpiredAt(now);
}
